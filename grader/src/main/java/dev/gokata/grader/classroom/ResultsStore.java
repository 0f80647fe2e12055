package dev.gokata.grader.classroom;

import dev.gokata.grader.report.CourseResult;
import dev.gokata.grader.report.ResultsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The folder of every student's results JSON ({@code results/<student>.json}: the grade command's
 * {@link CourseResult} with the batch's fields), which is also the batch's resume journal: a file is written whole
 * ({@link ResultsJson#write}), so its presence means the student was graded, and a resumed batch skips them while
 * the results still stand ({@link Standing}).
 */
public final class ResultsStore {

    private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{M}\\p{N}._-]");

    private final Path dir;

    public ResultsStore(Path dir) {
        this.dir = dir;
    }

    /**
     * A file name for a student: letters (of any script, so that 李 and José stay recognisable), digits, dot, dash
     * and underscore only, in Unicode's composed form (macOS lists names decomposed), never starting with a dot.
     */
    public static String fileName(String student) {
        var safe = UNSAFE.matcher(Normalizer.normalize(student, Normalizer.Form.NFC)).replaceAll("_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    public Path dir() {
        return dir;
    }

    /** The file holding {@code student}'s results. */
    public Path file(String student) {
        return dir.resolve(fileName(student) + ".json");
    }

    /** Writes a student's results whole: readers see the old file or the new one, never a part. */
    public void write(CourseResult result) {
        ResultsJson.write(result, file(result.student()));
    }

    /**
     * Reads one student's results file, or nothing if it is missing, not results JSON or names no student. A file
     * that does not say how its grading run ended counts as crashed.
     */
    public static Optional<CourseResult> read(Path file) {
        return ResultsJson.readIfPresent(file).filter(r -> r.student() != null)
                .map(r -> r.run() != null ? r : r.ofStudent(r.student(), r.submission(), CourseResult.Run.CRASHED,
                        r.note() == null ? "" : r.note(), r.seconds() == null ? 0 : r.seconds()));
    }

    /** Every results file in this folder, in file name order (none when there is no folder). */
    public List<Path> files() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /** Every student's results in this folder, in file name order; unreadable files are named in {@code bad}. */
    public List<CourseResult> readAll(List<Path> bad) throws IOException {
        var results = new ArrayList<CourseResult>();
        for (var file : files()) {
            read(file).ifPresentOrElse(results::add, () -> bad.add(file));
        }
        return results;
    }
}

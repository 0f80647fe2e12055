package dev.gokata.grader.classroom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gokata.grader.report.CourseResult;
import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.ResultsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A class of fake submissions and a fake grading command ({@code sh}) that does what each submission's
 * {@code behaviour} file says: write prepared results, loop, flood its output, exit, fork a process that never ends.
 */
final class FakeClass {

    static final Course COURSE = SampleClass.COURSE;

    /** The fake grader: appends the student to {@code log}, then acts out the submission's behaviour. */
    static SubmissionGrader grader(Path log) {
        var script = """
                sub="$1"; out="$2"
                echo "$(basename "$(dirname "$sub/x")")" >> "$LOG"
                case "$(cat "$sub/behaviour")" in
                  ok) cp "$sub/fake-results.json" "$out" ;;
                  loop) sleep 600 ;;
                  flood) while :; do echo "flood flood flood flood flood flood flood flood"; done ;;
                  floodthenok) head -c 3000000 /dev/zero | tr '\\0' x; cp "$sub/fake-results.json" "$out" ;;
                  exit) echo "boom: System.exit(3)"; exit 3 ;;
                  partial) cp "$sub/fake-results.json" "$out"; sleep 600 ;;
                  fork) sleep 601 & cp "$sub/fake-results.json" "$out"; wait ;;
                esac
                """;
        return (submission, results) -> {
            var pb = new ProcessBuilder("sh", "-c", script, "sh", submission.toString(), results.toString());
            pb.environment().put("LOG", log.toAbsolutePath().toString());
            return pb;
        };
    }

    /** A submission folder {@code name} acting out {@code behaviour}, whose results (if any) are {@code katas}. */
    static Path student(Path folder, String name, String behaviour, List<KataResult> katas) throws IOException {
        var dir = folder.resolve(name);
        Files.createDirectories(dir.resolve("exercises/counter"));
        Files.writeString(dir.resolve("exercises/counter/Counter.java"), "package counter;\nclass Counter {}\n");
        Files.writeString(dir.resolve("behaviour"), behaviour);
        ResultsJson.write(SampleClass.student(name, CourseResult.Run.GRADED, "", 0, katas),
                dir.resolve("fake-results.json"));
        return dir;
    }

    /** Zips {@code dir} into {@code zip}, every entry under {@code top/} (as GitHub's "Download ZIP" does). */
    static void zip(Path dir, Path zip, String top) throws IOException {
        try (var out = new ZipOutputStream(Files.newOutputStream(zip)); var walk = Files.walk(dir)) {
            for (var file : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry(top + "/" + dir.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    /** A zip with one entry named {@code name} holding {@code size} zero bytes. */
    static void zipOf(Path zip, String name, int size) throws IOException {
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry(name));
            out.write(new byte[size]);
            out.closeEntry();
        }
    }

    /** A results file as a JSON tree, to check its fields by name. */
    static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    private FakeClass() {
    }
}

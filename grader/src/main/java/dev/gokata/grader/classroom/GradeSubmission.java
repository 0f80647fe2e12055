package dev.gokata.grader.classroom;

import dev.gokata.grader.GradeOptions;
import dev.gokata.grader.Grader;
import dev.gokata.grader.catalogue.Kata;
import dev.gokata.grader.catalogue.KataCatalogue;
import dev.gokata.grader.report.CourseResult;
import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.ResultsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The process the batch starts for one submission: grades each kata of the catalogue with the grading core
 * ({@link Grader}: compile, hidden tests in a guarded worker JVM, score) and rewrites the results JSON whole after
 * each kata, so that a run the batch kills still leaves the katas graded so far. The catalogue and the hidden tests
 * come from the instructor's course folder, only {@code exercises/} from the submission.
 *
 * <p>Before compiling it turns away what the core should never see: a kata missing from the submission, a source
 * file over {@value #MAX_SOURCE_KIB} KiB, a link that leads out of the submission (a clone keeps the links committed:
 * one to the course's reference solution, or to a classmate's folder, would be compiled as the student's own).
 */
@Command(name = "grade-submission", hidden = true,
        description = "Grades one student checkout into a results file (started by `gokata class grade`).")
public final class GradeSubmission implements Callable<Integer> {

    static final int MAX_SOURCE_KIB = 512;

    @Option(names = "--course", required = true,
            description = "The instructor's course folder (catalogue, hidden tests).")
    Path course;

    @Option(names = "--tests", required = true, description = "The compiled hidden tests.")
    Path tests;

    @Option(names = "--extra-groups", defaultValue = "", description = "Private test groups: kata:Class:points,...")
    String extraGroups;

    @Option(names = "--kata", description = "Grade only these katas (default: every ready kata).")
    List<String> katas = new ArrayList<>();

    @Option(names = "--submission", required = true, description = "The student's checkout (holds exercises/).")
    Path submission;

    @Option(names = "--build", required = true, description = "Where to compile.")
    Path build;

    @Option(names = "--out", required = true, description = "The results JSON to write.")
    Path out;

    @Option(names = "--memory", defaultValue = "256", description = "Heap of each worker JVM, MiB.")
    int memory;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GradeSubmission()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        var catalogue = KataCatalogue.load(new dev.gokata.grader.catalogue.Course(course).catalogueFile());
        var hidden = new HiddenTests(tests, HiddenTests.decode(extraGroups));
        var list = (katas.isEmpty() ? catalogue.ready() : katas.stream().map(catalogue::get).toList())
                .stream().map(hidden::apply).toList();
        var options = GradeOptions.defaults().withTestClasses(tests.toAbsolutePath())
                .withCourse(course.toAbsolutePath()).withBuildRoot(build.toAbsolutePath()).withMemory(memory);
        var grader = new Grader(submission, options);
        long start = System.nanoTime();
        var done = new ArrayList<KataResult>();
        for (var kata : list) {
            var refused = refuse(kata);
            if (refused.isPresent()) {
                done.add(refused.get());
            } else {
                try {
                    done.add(grader.gradeKata(kata).withFiles(sourceFiles(kata)));
                } catch (RuntimeException e) {
                    // a fault of the grading core on this kata: the kata is not graded, the others still are
                    done.add(KataResult.error(kata.id(), kata.title(), kata.points(),
                            "not graded: the grader failed on this kata: " + e));
                }
            }
            write(done, start);
        }
        write(done, start);
        return 0;
    }

    /** The results so far, in the grade command's format, with the katas refused before grading too. */
    private void write(List<KataResult> done, long start) {
        ResultsJson.write(CourseResult.of(done, (System.nanoTime() - start) / 1_000_000), out);
    }

    /**
     * Why a kata is not handed to the compiler: a link out of the submission, missing from the submission, or a
     * source file too large.
     */
    private java.util.Optional<KataResult> refuse(Kata kata) {
        var dir = submission.resolve("exercises").resolve(kata.id());
        var outside = SubmissionLinks.outside(submission, dir);
        if (outside.isPresent()) {
            return java.util.Optional.of(KataResult.error(kata.id(), kata.title(), kata.points(),
                    "not compiled: " + outside.get() + " is a link to a file outside the submission;"
                            + " a submission holds its own files, not links to others"));
        }
        var files = sourceFiles(kata);
        if (files.isEmpty()) {
            return java.util.Optional.of(KataResult.error(kata.id(), kata.title(), kata.points(),
                    "missing: the submission has no exercises/" + kata.id() + "/*.java"));
        }
        for (var name : files) {
            try {
                long size = Files.size(dir.resolve(name));
                if (size > MAX_SOURCE_KIB * 1024L) {
                    return java.util.Optional.of(KataResult.error(kata.id(), kata.title(), kata.points(),
                            String.format(Locale.ROOT,
                                    "not compiled: %s is %d KiB, over the %d KiB a source file may have",
                                    name, size / 1024, MAX_SOURCE_KIB)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return java.util.Optional.empty();
    }

    private List<String> sourceFiles(Kata kata) {
        var dir = submission.resolve("exercises").resolve(kata.id());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

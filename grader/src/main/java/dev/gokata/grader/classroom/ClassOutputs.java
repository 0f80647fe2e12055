package dev.gokata.grader.classroom;

import dev.gokata.grader.report.CourseResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The instructor's output folder and what is derived from its results: {@code results/<student>.json} (the source
 * of truth, written by the batch or a merge), {@code gradebook.csv}, {@code report/} and {@code feedback/}.
 */
public final class ClassOutputs {

    /** What {@link #publish} wrote, and the students whose results it left out. */
    public record Published(int students, Path gradebook, Path report, List<Path> unreadable, List<String> leftOut) {
    }

    private ClassOutputs() {
    }

    /** Writes the gradebook, the course report and the feedback pages from every results file in {@code out}. */
    public static Published publish(Course course, Path out) throws IOException {
        return publish(course, out, student -> true);
    }

    /**
     * Writes the gradebook, the course report and the feedback pages from the results in {@code out} of the students
     * that {@code include} accepts (a batch publishes its own submissions, not results that outlived theirs).
     */
    public static Published publish(Course course, Path out, Predicate<String> include) throws IOException {
        var bad = new ArrayList<Path>();
        var students = new ArrayList<CourseResult>();
        var leftOut = new ArrayList<String>();
        for (var result : new ResultsStore(out.resolve("results")).readAll(bad)) {
            if (include.test(result.student())) {
                students.add(result);
            } else {
                leftOut.add(result.student());
            }
        }
        var gradebook = out.resolve("gradebook.csv");
        Gradebook.write(course, students, gradebook);
        var report = new CourseReport().write(course, students, out);
        return new Published(students.size(), gradebook, report, bad, leftOut);
    }
}

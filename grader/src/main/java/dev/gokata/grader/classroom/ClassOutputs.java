package dev.gokata.grader.classroom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The instructor's output folder and what is derived from its results: {@code results/<student>.json} (the source
 * of truth, written by the batch or a merge), {@code gradebook.csv}, {@code report/} and {@code feedback/}.
 */
public final class ClassOutputs {

    /** What {@link #publish} wrote. */
    public record Published(int students, Path gradebook, Path report, List<Path> unreadable) {
    }

    private ClassOutputs() {
    }

    /** Writes the gradebook, the course report and the feedback pages from every results file in {@code out}. */
    public static Published publish(Course course, Path out) throws IOException {
        var bad = new ArrayList<Path>();
        var students = new ResultsStore(out.resolve("results")).readAll(bad);
        var gradebook = out.resolve("gradebook.csv");
        Gradebook.write(course, students, gradebook);
        var report = new CourseReport().write(course, students, out);
        return new Published(students.size(), gradebook, report, bad);
    }
}

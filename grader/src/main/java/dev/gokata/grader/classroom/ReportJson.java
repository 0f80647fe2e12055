package dev.gokata.grader.classroom;

import dev.gokata.grader.report.CourseResult;
import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.ResultsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course report as data, {@code report/report.json}, for what the HTML pages cannot feed: a dashboard, an LMS
 * import, a script comparing two terms. The same figures as the report's pages: the class overview and each kata's
 * statistics ({@link ClassStats}), and a line per student.
 *
 * @param version  the format's version, raised when a field changes meaning
 * @param course   the course's name, as the report's title
 * @param stats    the class overview and a summary per kata
 * @param students every student's run, points and per-kata outcome, by name
 */
public record ReportJson(int version, String course, ClassStats stats, List<Student> students) {

    static final int VERSION = 1;

    /**
     * One student's line: the student's id and the folder or zip name it was made from, how the grading run ended,
     * the points, and each kata's outcome.
     */
    public record Student(String student, String submission, CourseResult.Run run, double score, double maxScore,
                          Map<String, Kata> katas) {
    }

    /** One kata of a student: {@code pass}, {@code fail} or {@code error}, and the points earned. */
    public record Kata(String status, double score, double maxScore) {
    }

    /** The report of {@code students}, whose statistics are {@code stats}. */
    static ReportJson of(Course course, ClassStats stats, List<CourseResult> students) {
        return new ReportJson(VERSION, course.name(), stats, students.stream().map(ReportJson::student).toList());
    }

    private static Student student(CourseResult result) {
        var katas = new LinkedHashMap<String, Kata>();
        for (KataResult k : result.katas()) {
            katas.put(k.id(), new Kata(k.status(), k.score(), k.maxScore()));
        }
        return new Student(result.student(), result.submission(), result.run(), result.score(), result.maxScore(),
                katas);
    }

    /** Writes this report to {@code file}, indented. */
    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, ResultsJson.toJson(this));
    }
}

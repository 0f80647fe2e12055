package dev.gokata.grader.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The result of one grading run over one or more katas, shaped so that one file serves Exercism's test runner
 * (v3: {@code version}, {@code status}, {@code message}, {@code tests}) and Gradescope's autograder
 * ({@code score}, {@code max_score}, {@code execution_time}, {@code output}, {@code visibility}, {@code tests}),
 * with gokata's per-kata results beside them. The classroom's batch grading adds whose submission it was and how
 * its grading run ended ({@code student}, {@code submission}, {@code run}, {@code note}, {@code seconds}); the grade
 * command leaves them out.
 *
 * @param student    the student's id: the submission's folder or zip name made safe for file names and unique in
 *                   the class ({@code li wei} is {@code li_wei}); null outside a batch
 * @param submission the folder or zip name as the student gave it ({@code li wei.zip}); null outside a batch, and in
 *                   the results of a batch before this field
 * @param run        how the batch's grading run of this submission ended; null outside a batch
 * @param note       what the batch observed when the run did not end normally (exit status, last output)
 * @param seconds    how long the batch's run of this submission took, wall clock
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CourseResult(
        int version,
        String status,
        String message,
        double score,
        @JsonProperty("max_score") double maxScore,
        @JsonProperty("execution_time") double executionTime,
        String output,
        String visibility,
        List<TestResult> tests,
        List<KataResult> katas,
        String student,
        String submission,
        Run run,
        String note,
        Double seconds) {

    /** How the batch's grading run of one submission ended; anything but {@code GRADED} is the submission's doing. */
    public enum Run {
        /** Every kata was graded. */
        GRADED,
        /** The run passed the submission's time limit and was killed; katas not graded by then score nothing. */
        TIMED_OUT,
        /** The run died (or could not start) before it wrote every kata's results. */
        CRASHED,
        /** The submission could not be read: a broken or oversized zip, or no exercises/ folder. */
        UNREADABLE
    }

    public CourseResult {
        tests = tests == null ? List.of() : List.copyOf(tests);
        katas = katas == null ? List.of() : List.copyOf(katas);
    }

    /**
     * Sums up kata results: every test in order, the points, and the status (error if any kata did not compile or
     * could not be graded).
     */
    public static CourseResult of(List<KataResult> katas, long millis) {
        var tests = new ArrayList<TestResult>();
        double score = 0;
        double max = 0;
        var messages = new StringBuilder();
        boolean error = false;
        boolean allPass = true;
        for (KataResult k : katas) {
            tests.addAll(k.tests());
            score += k.score();
            max += k.maxScore();
            error |= k.status().equals(KataResult.ERROR);
            if (k.compileError()) {
                messages.append(k.compileOutput());
            }
            allPass &= k.passed();
        }
        String status = error ? "error" : allPass ? "pass" : "fail";
        String summary = katas.size() == 1 ? katas.getFirst().id() + ": " : "";
        summary += Points.format(score) + " of " + Points.format(max) + " points";
        return new CourseResult(3, status, messages.isEmpty() ? null : messages.toString(), score, max,
                millis / 1000.0, summary, "visible", tests, katas, null, null, null, null, null);
    }

    /**
     * These results as one student's in a batch: whose (the student's id, and the folder or zip name it was made
     * from), how the grading run ended, and how long it took.
     */
    public CourseResult ofStudent(String name, String submitted, Run ended, String what, double took) {
        return new CourseResult(version, status, message, score, maxScore, executionTime, output, visibility, tests,
                katas, name, submitted, ended, what, took);
    }

    /**
     * The folder or zip name of the submission when the student's id is not simply that name: made safe or made
     * unique ({@code li wei} is {@code li_wei}; a second {@code li_wei} is {@code li_wei-2}), so that a report can
     * say whose it is.
     */
    public Optional<String> renamedFrom() {
        return Optional.ofNullable(submission)
                .filter(s -> !s.equals(student) && !(s.toLowerCase(Locale.ROOT).endsWith(".zip")
                        && s.substring(0, s.length() - 4).equals(student)));
    }

    /** True when every graded kata compiled and passed every test. */
    public boolean passed() {
        return status.equals("pass");
    }

    /** The result of one kata, if it was graded. */
    public Optional<KataResult> kata(String id) {
        return katas.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** Score as a fraction of the points available, 0 when nothing was available. */
    public double fraction() {
        return maxScore == 0 ? 0 : score / maxScore;
    }
}

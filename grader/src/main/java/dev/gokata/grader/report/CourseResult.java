package dev.gokata.grader.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of one grading run over one or more katas, shaped so that one file serves Exercism's test runner
 * (v3: {@code version}, {@code status}, {@code message}, {@code tests}) and Gradescope's autograder
 * ({@code score}, {@code max_score}, {@code execution_time}, {@code output}, {@code visibility}, {@code tests}),
 * with gokata's per-kata results beside them.
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
        List<KataResult> katas) {

    public CourseResult {
        tests = List.copyOf(tests);
        katas = List.copyOf(katas);
    }

    /** Sums up kata results: every test in order, the points, and the status (error if any kata did not compile). */
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
            if (k.compileError()) {
                error = true;
                messages.append(k.compileOutput());
            }
            allPass &= k.passed();
        }
        String status = error ? "error" : allPass ? "pass" : "fail";
        String summary = katas.size() == 1 ? katas.getFirst().id() + ": " : "";
        summary += Points.format(score) + " of " + Points.format(max) + " points";
        return new CourseResult(3, status, messages.isEmpty() ? null : messages.toString(), score, max,
                millis / 1000.0, summary, "visible", tests, katas);
    }

    /** True when every graded kata compiled and passed every test. */
    public boolean passed() {
        return status.equals("pass");
    }
}

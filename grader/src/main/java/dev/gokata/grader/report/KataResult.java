package dev.gokata.grader.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The result of grading one kata: Exercism's status ({@code pass}, {@code fail}, or {@code error} when it did not
 * compile), the points, javac's messages when it did not compile, and each test's result in order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KataResult(
        String id,
        String title,
        String status,
        String message,
        double score,
        @JsonProperty("max_score") double maxScore,
        @JsonProperty("compile_output") String compileOutput,
        List<TestResult> tests,
        String output,
        long millis) {

    public KataResult {
        tests = List.copyOf(tests);
    }

    /** True when the kata compiled and every test passed. */
    public boolean passed() {
        return status.equals("pass");
    }

    /** True when the kata did not compile. */
    public boolean compileError() {
        return compileOutput != null;
    }
}

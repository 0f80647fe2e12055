package dev.gokata.grader.classroom;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One hidden test's verdict, in the fields Exercism's v3 runner and Gradescope both understand.
 *
 * @param name      the test's display name
 * @param status    {@code pass}, {@code fail} or {@code error} (Exercism v3)
 * @param message   why it failed (the assertion, Go's race or deadlock report); empty when it passed
 * @param output    what the student's code printed during the test, capped by the grader
 * @param score     the points earned (Gradescope)
 * @param maxScore  the points the test is worth (Gradescope)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TestResult(
        String name,
        String status,
        String message,
        String output,
        double score,
        @JsonProperty("max_score") double maxScore) {

    public TestResult {
        name = name == null ? "" : name;
        status = status == null ? "error" : status;
        message = message == null ? "" : message;
        output = output == null ? "" : output;
    }

    /** True when the test passed. */
    public boolean passed() {
        return "pass".equals(status);
    }
}

package dev.gokata.grader.classroom;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One hidden test's verdict as the report reads it from the grade command's results JSON: Exercism v3's
 * {@code name}, {@code status}, {@code message}, {@code output}; Gradescope's {@code score}, {@code max_score};
 * gokata's {@code verdict} and the Go reports the test produced. Other fields of that JSON are ignored here (the
 * batch keeps them in the files it writes).
 *
 * @param verdict  {@code pass}, {@code fail}, {@code error} or {@code timeout}; empty when unknown
 * @param races    Go-style data race reports ({@code WARNING: DATA RACE} ...)
 * @param deadlock Go's deadlock report and goroutine dump, empty when none
 * @param leaks    dumps of goroutines still running after the test
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TestResult(
        String name,
        String status,
        String message,
        String output,
        double score,
        @JsonProperty("max_score") double maxScore,
        String verdict,
        List<String> races,
        String deadlock,
        List<String> leaks) {

    public TestResult {
        name = name == null ? "" : name;
        status = status == null ? "error" : status;
        message = message == null ? "" : message;
        output = output == null ? "" : output;
        verdict = verdict == null ? "" : verdict;
        races = races == null ? List.of() : List.copyOf(races);
        deadlock = deadlock == null ? "" : deadlock;
        leaks = leaks == null ? List.of() : List.copyOf(leaks);
    }

    /** True when the test passed. */
    @JsonIgnore
    public boolean passed() {
        return "pass".equals(status);
    }
}

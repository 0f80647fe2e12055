package dev.gokata.grader.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gokata.grader.worker.Verdict;
import java.util.List;

/**
 * The result of one hidden test, carrying Exercism's test-runner v3 fields ({@code name}, {@code status},
 * {@code message}, {@code output}, {@code test_code}), Gradescope's ({@code score}, {@code max_score},
 * {@code visibility}, {@code tags}; Gradescope derives passed/failed from the score, as Exercism's {@code status}
 * already takes the key) and gokata's own: the verdict, the Go reports, the time. The grade command writes it and
 * the classroom reads it back; a field absent from the JSON reads as null, a list as empty.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestResult(
        String name,
        String status,
        String message,
        String output,
        @JsonProperty("test_code") String testCode,
        double score,
        @JsonProperty("max_score") double maxScore,
        String visibility,
        List<String> tags,
        String kata,
        @JsonProperty("test_class") String testClass,
        String method,
        Verdict verdict,
        List<String> races,
        String deadlock,
        List<String> leaks,
        long millis) {

    public TestResult {
        tags = tags == null ? List.of() : List.copyOf(tags);
        races = races == null ? List.of() : List.copyOf(races);
        leaks = leaks == null ? List.of() : List.copyOf(leaks);
    }

    /** True for a passing test (by Exercism's status when the verdict is unknown). */
    public boolean passed() {
        return verdict == null ? "pass".equals(status) : verdict == Verdict.PASS;
    }
}

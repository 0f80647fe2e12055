package dev.gokata.grader.classroom;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One kata of one student, graded: the grade command's results for that kata (Exercism v3 status and message,
 * Gradescope score, the tests, and the diagnostics a concurrency grader adds).
 *
 * @param kata      the kata id from the catalogue
 * @param status    {@code pass} (every test passed), {@code fail} (some failed) or {@code error} (nothing ran: the
 *                  kata is missing, does not compile, or its grading run was cut short); Exercism v3
 * @param message   for {@code error}: what went wrong (the compiler's messages, "missing", the time limit)
 * @param score     points earned
 * @param maxScore  points the kata is worth
 * @param tests     every hidden test's verdict, in the order they ran
 * @param races     Go-style data race reports ({@code WARNING: DATA RACE} ...), one per race
 * @param deadlocks Go-style deadlock dumps ({@code fatal error: all goroutines are asleep - deadlock!} ...)
 * @param leaks     dumps of goroutines still running after a test returned
 * @param files     the student's source files of this kata (names only), to tell their lines from the tests'
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record KataResult(
        String kata,
        String status,
        String message,
        double score,
        @JsonProperty("max_score") double maxScore,
        List<TestResult> tests,
        List<String> races,
        List<String> deadlocks,
        List<String> leaks,
        List<String> files) {

    /** The Exercism v3 status of a kata whose hidden tests could not run at all. */
    public static final String ERROR = "error";

    public KataResult {
        status = status == null ? ERROR : status;
        message = message == null ? "" : message;
        tests = tests == null ? List.of() : List.copyOf(tests);
        races = races == null ? List.of() : List.copyOf(races);
        deadlocks = deadlocks == null ? List.of() : List.copyOf(deadlocks);
        leaks = leaks == null ? List.of() : List.copyOf(leaks);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A kata that could not be graded: no tests ran, no points, and {@code message} says why. */
    public static KataResult error(String kata, double maxScore, String message) {
        return new KataResult(kata, ERROR, message, 0, maxScore, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** The Exercism v3 version of this format. */
    @JsonProperty("version")
    public int version() {
        return 3;
    }

    /** True when every hidden test passed. */
    @JsonIgnore
    public boolean passed() {
        return "pass".equals(status);
    }
}

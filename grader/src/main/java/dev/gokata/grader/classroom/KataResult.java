package dev.gokata.grader.classroom;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One kata of one student as the report reads it from the grade command's results JSON (its {@code katas} entries):
 * Exercism v3 status and message, Gradescope points, javac's messages, and every test.
 *
 * @param kata          the kata id from the catalogue ({@code id} in the JSON)
 * @param title         the kata's title
 * @param status        {@code pass} (every test passed), {@code fail} (some failed) or {@code error} (it does not
 *                      compile, is missing, or its grading run was cut short)
 * @param message       a summary, or for {@code error} what went wrong
 * @param score         points earned
 * @param maxScore      points the kata is worth
 * @param compileOutput javac's messages when the kata does not compile, else empty
 * @param tests         every hidden test's verdict, in the order they ran
 * @param files         the student's source files of this kata (names only), to tell their lines from the tests'
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record KataResult(
        @JsonProperty("id") @JsonAlias("kata") String kata,
        String title,
        String status,
        String message,
        double score,
        @JsonProperty("max_score") double maxScore,
        @JsonProperty("compile_output") String compileOutput,
        List<TestResult> tests,
        List<String> files) {

    /** The Exercism v3 status of a kata whose hidden tests could not run. */
    public static final String ERROR = "error";

    public KataResult {
        title = title == null || title.isEmpty() ? kata : title;
        status = status == null ? ERROR : status;
        message = message == null ? "" : message;
        compileOutput = compileOutput == null ? "" : compileOutput;
        tests = tests == null ? List.of() : List.copyOf(tests);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A kata that could not be graded: no tests ran, no points, and {@code message} says why. */
    public static KataResult error(String kata, String title, double maxScore, String message) {
        return new KataResult(kata, title, ERROR, message, 0, maxScore, "", List.of(), List.of());
    }

    /** True when every hidden test passed. */
    @JsonIgnore
    public boolean passed() {
        return "pass".equals(status);
    }

    /** Every data race report of the kata's tests. */
    @JsonIgnore
    public List<String> races() {
        return tests.stream().flatMap(t -> t.races().stream()).distinct().toList();
    }

    /** Every deadlock dump of the kata's tests. */
    @JsonIgnore
    public List<String> deadlocks() {
        return tests.stream().map(TestResult::deadlock).filter(d -> !d.isEmpty()).distinct().toList();
    }

    /** Every leaked-goroutine dump of the kata's tests. */
    @JsonIgnore
    public List<String> leaks() {
        return tests.stream().flatMap(t -> t.leaks().stream()).distinct().toList();
    }
}

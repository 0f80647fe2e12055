package dev.gokata.grader.report;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The result of grading one kata: Exercism's status ({@code pass}, {@code fail}, or {@code error} when it did not
 * compile or could not be graded), the points, javac's messages when it did not compile, and each test's result in
 * order. The classroom adds {@code files}, the student's source file names, to tell their lines from the tests'.
 * {@code notes} tell the student what the grader did that they may not expect (a file of theirs left out: the kata
 * gives one of that name).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KataResult(
        @JsonAlias("kata") String id,
        String title,
        String status,
        String message,
        double score,
        @JsonProperty("max_score") double maxScore,
        @JsonProperty("compile_output") String compileOutput,
        List<TestResult> tests,
        String output,
        long millis,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> files,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes) {

    /** Exercism's status of a kata that does not compile or whose hidden tests could not run. */
    public static final String ERROR = "error";

    public KataResult {
        title = title == null || title.isEmpty() ? id : title;
        status = status == null ? ERROR : status;
        tests = tests == null ? List.of() : List.copyOf(tests);
        files = files == null ? List.of() : List.copyOf(files);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A kata that was not graded: no tests ran, no points, and {@code message} says why. */
    public static KataResult error(String id, String title, double maxScore, String message) {
        return new KataResult(id, title, ERROR, message, 0, maxScore, null, List.of(), null, 0, List.of(), List.of());
    }

    /** This result with the student's source file names. */
    public KataResult withFiles(List<String> sourceFiles) {
        return new KataResult(id, title, status, message, score, maxScore, compileOutput, tests, output, millis,
                sourceFiles, notes);
    }

    /** This result with {@code more} notes for the student. */
    public KataResult withNotes(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        var all = new java.util.ArrayList<>(notes);
        all.addAll(more);
        return new KataResult(id, title, status, message, score, maxScore, compileOutput, tests, output, millis, files,
                all);
    }

    /** True when the kata compiled and every test passed. */
    public boolean passed() {
        return status.equals("pass");
    }

    /** True when the kata did not compile. */
    public boolean compileError() {
        return compileOutput != null && !compileOutput.isEmpty();
    }

    /** Every data race report of the kata's tests. */
    public List<String> races() {
        return tests.stream().flatMap(t -> t.races().stream()).distinct().toList();
    }

    /** Every deadlock dump of the kata's tests. */
    public List<String> deadlocks() {
        return tests.stream().map(TestResult::deadlock).filter(Objects::nonNull).filter(d -> !d.isEmpty()).distinct()
                .toList();
    }

    /** Every leaked-goroutine dump of the kata's tests. */
    public List<String> leaks() {
        return tests.stream().flatMap(t -> t.leaks().stream()).distinct().toList();
    }
}

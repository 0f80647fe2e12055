package dev.gokata.grader.classroom;

import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.TestResult;
import dev.gokata.grader.worker.Verdict;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What kind of mistake a failed test or kata shows, so the course report can say which kind dominates a kata.
 * The kind is read from Go's own report texts, which the grader copies into each failure message.
 */
public enum FailureKind {
    COMPILE_ERROR("compile errors", "does not compile, or a class or method the tests use is missing (renamed)"),
    MISSING("missing katas", "kata missing from the submission"),
    DATA_RACE("data races", "WARNING: DATA RACE"),
    DEADLOCK("deadlocks", "all goroutines are asleep - deadlock!"),
    LEAK("goroutine leaks", "goroutines (or threads they started) still running after the test"),
    TIMEOUT("timeouts", "test timed out"),
    PANIC("panics", "panic"),
    WRONG_RESULT("wrong results", "assertion failed"),
    CUT_SHORT("crashes", "System.exit, out of memory, or the grading run died");

    private static final Pattern RACE = Pattern.compile("WARNING: DATA RACE|race detected during execution of test");
    private static final Pattern DEADLOCK_TEXT = Pattern.compile("all goroutines are asleep - deadlock!");
    /**
     * A leak in the words of the worker's check, of the hidden tests' kit ("2 goroutines were still alive"), or Go's.
     */
    private static final Pattern LEAK_TEXT = Pattern.compile("(?im)leak(ed)? goroutine|goroutine leak"
            + "|goroutines? (was |were )?(still )?(running|alive)\\b|^Still running:$");
    private static final Pattern TIMEOUT_TEXT = Pattern.compile("(?i)timed out|time limit|timeout");
    private static final Pattern PANIC_TEXT = Pattern.compile("(?m)^(panic|fatal error): ");
    private static final Pattern COMPILE_TEXT = Pattern.compile("(?i)compil|\\.java:\\d+: error:|cannot find symbol");
    private static final Pattern CRASH_TEXT = Pattern.compile("(?i)test JVM ended|exit status|System\\.exit"
            + "|out of memory|OutOfMemoryError|StackOverflowError");
    private static final Pattern LINKAGE_TEXT = Pattern.compile("no longer has|keep the names|NoClassDefFoundError"
            + "|ClassNotFoundException|NoSuchMethodError|NoSuchFieldError|AbstractMethodError"
            + "|IncompatibleClassChangeError");
    private static final Pattern MISSING_TEXT = Pattern.compile("(?i)missing|not found|no such|does not exist"
            + "|no exercises/ folder");

    private final String plural;
    private final String example;

    FailureKind(String plural, String example) {
        this.plural = plural;
        this.example = example;
    }

    /** The kind's name in a report heading: "data races". */
    public String plural() {
        return plural;
    }

    /** A short phrase saying what this kind looks like in a report. */
    public String example() {
        return example;
    }

    /** A CSS-friendly name: "data-race". */
    public String css() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind of a failed (or errored) test, from its verdict, its Go reports and its message. */
    public static FailureKind ofTest(TestResult test) {
        var text = Diagnosis.text(test.message());
        if (test.verdict() == Verdict.TIMEOUT) {
            return TIMEOUT;
        }
        if (!test.races().isEmpty() || RACE.matcher(text).find()) {
            return DATA_RACE;
        }
        if (!Diagnosis.text(test.deadlock()).isEmpty() || DEADLOCK_TEXT.matcher(text).find()) {
            return DEADLOCK;
        }
        if (!test.leaks().isEmpty() || LEAK_TEXT.matcher(text).find()) {
            return LEAK;
        }
        if (COMPILE_TEXT.matcher(text).find() || LINKAGE_TEXT.matcher(text).find()) {
            return COMPILE_ERROR;
        }
        if (TIMEOUT_TEXT.matcher(text).find()) {
            return TIMEOUT;
        }
        if (CRASH_TEXT.matcher(text).find()) {
            return CUT_SHORT;
        }
        if (test.verdict() == Verdict.ERROR || (test.verdict() == null && "error".equals(test.status()))) {
            return CUT_SHORT;
        }
        if (PANIC_TEXT.matcher(text).find()) {
            return PANIC;
        }
        return WRONG_RESULT;
    }

    /** The kind of a kata whose tests could not run at all ({@code status: error}), from its message. */
    public static FailureKind ofKataError(KataResult kata) {
        if (kata.compileError()) {
            return COMPILE_ERROR;
        }
        var text = Diagnosis.text(kata.message());
        if (MISSING_TEXT.matcher(text).find() && !COMPILE_TEXT.matcher(text).find()) {
            return MISSING;
        }
        if (COMPILE_TEXT.matcher(text).find()) {
            return COMPILE_ERROR;
        }
        if (TIMEOUT_TEXT.matcher(text).find()) {
            return TIMEOUT;
        }
        return CUT_SHORT;
    }
}

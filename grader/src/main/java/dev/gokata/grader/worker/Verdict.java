package dev.gokata.grader.worker;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What became of one test: the four answers a student can get. */
public enum Verdict {
    /** The test passed: no failure, panic, deadlock, leak or race. */
    PASS,
    /** An assertion failed, or the test found a panic, deadlock, leaked goroutine or data race. */
    FAIL,
    /** The test could not run as written: a missing class or member, a crash of the test JVM, an unknown state. */
    ERROR,
    /** The test ran past its time limit, or the run past the kata's. */
    TIMEOUT;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Exercism's status: timeouts are failures. */
    public String exercism() {
        return switch (this) {
            case PASS -> "pass";
            case FAIL, TIMEOUT -> "fail";
            case ERROR -> "error";
        };
    }
}

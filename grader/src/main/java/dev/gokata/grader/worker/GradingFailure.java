package dev.gokata.grader.worker;

import java.util.List;

/**
 * A test failure the runtime found rather than an assertion: a panic, a deadlock, a timeout, leaked goroutines or a
 * data race. It carries the Go-format reports, so the results can show them in their own fields.
 */
public final class GradingFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    /** Which of the runtime's verdicts failed the test. */
    public enum Kind { PANIC, DEADLOCK, TIMEOUT, LEAK, RACE }

    private final Kind kind;
    private final transient List<String> details;

    GradingFailure(Kind kind, String message, List<String> details) {
        super(message);
        this.kind = kind;
        this.details = List.copyOf(details);
    }

    public Kind kind() {
        return kind;
    }

    /** The reports behind the failure: the dump, the leaked goroutines' tracebacks, or the race reports. */
    public List<String> details() {
        return details;
    }

    /** No Java stack trace: the message is the report. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

package dev.gokata.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.GroupedDump;
import dev.gokata.runtime.Outcome;
import dev.gokata.runtime.Program;
import java.time.Duration;
import java.util.List;

/**
 * Runs a piece of student code as goroutine 1 of a fresh {@link Program}, so that a test reads Go's own verdict on
 * it (exit, panic, deadlock, time-out) and can turn that verdict into a message that teaches, instead of hanging or
 * leaving the diagnosis to the grader's generic report. Goroutines of a sandboxed program that deadlocked stay
 * parked; they belong to that program only, never to the test's.
 */
public final class Sandbox {
    private Sandbox() {
    }

    /** A finished sandboxed run: the program (for its leaks) and how it ended. */
    public record Run(Program program, Outcome outcome) {
        /** The goroutines still alive {@code grace} after the main one returned. */
        public List<Goroutine> leaks(Duration grace) {
            return program.leaks(grace);
        }
    }

    /** Runs {@code main} in a fresh program with a time limit and returns how it ended. */
    public static Run run(Runnable main, Duration limit) {
        var program = new Program();
        return new Run(program, program.run(main, limit));
    }

    /**
     * Runs {@code main} in a fresh program and fails unless its main goroutine returned normally. {@code onDeadlock}
     * explains, in the course's words, what a deadlock means for this kata; Go's report follows it. An assertion
     * that fails inside {@code main} is rethrown as it is.
     */
    public static Run runToExit(Runnable main, Duration limit, String onDeadlock) {
        Run run = run(main, limit);
        switch (run.outcome()) {
            case Outcome.Exited e -> {
            }
            case Outcome.Deadlocked d ->
                    fail(onDeadlock + "\n\nGo's runtime says:\n" + GroupedDump.ofReport(d.report()));
            case Outcome.Panicked p when p.cause() instanceof AssertionError e -> throw e;
            case Outcome.Panicked p -> fail("the program panicked:\n" + p.report(), p.cause());
            case Outcome.TimedOut t -> fail("the program did not finish within " + t.limit().toMillis() + " ms: "
                    + onDeadlock + "\n\n" + GroupedDump.ofReport(t.report()));
        }
        return run;
    }

    /**
     * Fails with {@code message} if goroutines of {@code run} are still alive {@code grace} after it ended, and fails
     * if one of them panicked after it ended (in a test, Go's process would have crashed).
     */
    public static void assertNoLeaks(Run run, Duration grace, String message) {
        List<Goroutine> leaks = run.leaks(grace);
        run.program().panicAfterEnd().ifPresent(p -> fail("a goroutine panicked after the call returned (in Go this"
                + " crashes the test binary):\n" + p.report(), p.cause()));
        if (!leaks.isEmpty()) {
            fail(Goroutines.stillRunning(message, leaks));
        }
    }
}

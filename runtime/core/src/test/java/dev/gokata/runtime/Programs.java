package dev.gokata.runtime;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import org.awaitility.Awaitility;

/** Runs test bodies as goroutine 1 of a fresh {@link Program}, so panics and deadlocks become outcomes. */
final class Programs {
    static final Duration LIMIT = Duration.ofSeconds(20);

    private Programs() {
    }

    /** Runs {@code main} in a new program and returns its outcome. */
    static Outcome run(Runnable main) {
        return new Program().run(main, LIMIT);
    }

    /** Runs {@code main} in a new program and fails with the program's report unless it exits normally. */
    static void runOk(Runnable main) {
        Outcome o = run(main);
        assertInstanceOf(Outcome.Exited.class, o, o::report);
    }

    /** Runs {@code main} and asserts that it deadlocked; returns the report. */
    static String runDeadlocked(Runnable main) {
        Outcome o = run(main);
        assertInstanceOf(Outcome.Deadlocked.class, o, o::report);
        return o.report();
    }

    /** Runs {@code main} and asserts that it panicked (or hit a fatal error); returns the report. */
    static String runPanicked(Runnable main) {
        Outcome o = run(main);
        assertInstanceOf(Outcome.Panicked.class, o, o::report);
        return o.report();
    }

    /** Joins {@code t}, a thread a test started; an interrupt fails the test. */
    static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (polling, up to 10 s) until {@code g} is parked for {@code reason}. */
    static void awaitWaiting(Goroutine g, WaitReason reason) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                .until(() -> g.waitReason().orElse(null) == reason);
    }
}

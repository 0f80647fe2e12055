package dev.gokata.testkit;

import dev.gokata.runtime.Go;
import java.time.Duration;

/**
 * Waits for the goroutines a kata started to end, by polling the program's goroutine count (Go's
 * {@code runtime.NumGoroutine()}) against a baseline taken before: how a hidden test proves that cancellation
 * reached every stage. Polls with the runtime's sleep, so a polling test is never mistaken for a deadlock.
 */
public final class Goroutines {
    private static final Duration POLL = Duration.ofMillis(5);

    private Goroutines() {
    }

    /**
     * Waits up to {@code limit} until at most {@code baseline} goroutines are alive, and returns how many are
     * alive then (more than the baseline when the wait timed out).
     */
    public static int settle(int baseline, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        int n = Go.numGoroutine();
        while (n > baseline && System.nanoTime() < deadline) {
            Go.sleep(POLL);
            n = Go.numGoroutine();
        }
        return n;
    }
}

package dev.gokata.runtime;

import java.time.Duration;

/** The runtime's clock: sleeping, and (TODO(runtime-channels)) the timer queue behind Timer and Ticker. */
final class Timers {
    private Timers() {
    }

    static void sleep(Duration d) {
        Goroutine g = Goroutine.current();
        g.beginWait(WaitReason.SLEEP);
        try {
            long end = System.nanoTime() + d.toNanos();
            for (long left = d.toNanos(); left > 0; left = end - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
        } finally {
            g.endWait();
        }
    }
}

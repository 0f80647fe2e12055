package dev.gokata.runtime;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The runtime's clock: sleeping, and the timer queue behind {@link Timer}, {@link Ticker} and {@link Go#after}.
 *
 * <p>Implementation note: one daemon platform thread ({@code gokata-timers}) runs a
 * {@link ScheduledThreadPoolExecutor}: Go keeps a timer heap per P and runs expired timers on whichever thread
 * schedules next; here one thread owns the heap. Timer actions never block (a send on a timer's channel is Go's
 * {@code sendTime}: non-blocking, dropped when the buffer is full; an afterFunc only starts a goroutine), so one
 * thread is enough. The thread belongs to no program and never uses {@link Goroutine#current()} (it does not inherit
 * the creating thread's program). Cancelled timers are removed from the queue at once
 * ({@code setRemoveOnCancelPolicy}), so stopped timers do not pile up.
 */
final class Timers {
    private Timers() {
    }

    /** Created on first use. */
    private static final class Queue {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            var factory = Thread.ofPlatform().daemon().name("gokata-timers").inheritInheritableThreadLocals(false)
                    .factory();
            var executor = new ScheduledThreadPoolExecutor(1, factory);
            executor.setRemoveOnCancelPolicy(true);
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            return executor;
        }
    }

    /** Runs {@code action} once on the timer thread after {@code nanos} (at once if not positive). */
    static ScheduledFuture<?> schedule(Runnable action, long nanos) {
        return Queue.EXECUTOR.schedule(action, Math.max(nanos, 0), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code action} on the timer thread every {@code periodNanos}, first after one period. */
    static ScheduledFuture<?> every(Runnable action, long periodNanos) {
        return Queue.EXECUTOR.scheduleAtFixedRate(action, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    static void sleep(Duration d) {
        Goroutine g = Goroutine.current();
        g.beginWait(WaitReason.SLEEP);
        try {
            long end = System.nanoTime() + d.toNanos();
            for (long left = d.toNanos(); left > 0; left = end - System.nanoTime()) {
                g.parkNanos(null, left); // counts nothing: a sleeping goroutine is never blocked
            }
        } finally {
            g.endWait();
        }
    }
}

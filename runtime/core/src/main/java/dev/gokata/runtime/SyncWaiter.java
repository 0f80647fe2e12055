package dev.gokata.runtime;

/**
 * A goroutine parked in one of the sync primitives ({@link Mutex}, {@link RWMutex}, {@link WaitGroup}, {@link Once},
 * {@link Cond}), following the blocking protocol of {@link Goroutine}.
 *
 * <p>Implementation note. The owning primitive creates the waiter, calls {@code g.beginWait(reason)} and queues it
 * under its own lock, releases the lock and calls {@link #park()}. A waker dequeues it under the same lock and calls
 * {@link #wake()}, which marks the goroutine runnable <em>before</em> setting {@code done} and unparking, so the
 * program never counts a goroutine as blocked after someone decided to wake it. Spurious wake-ups and interrupts are
 * absorbed: {@link #park()} returns only once {@code done} is set, as Go's waits are not interruptible (the
 * interrupt status is restored on return).
 *
 * <p>Invariants: {@code done} goes from false to true once, set only by {@link #wake()}; {@code clock} is written by
 * the waker before {@code done} and read by the waiter after it (the volatile write/read orders them).
 */
final class SyncWaiter {
    final Goroutine g = Goroutine.current();
    final Thread thread = Thread.currentThread();
    /** A race-detector sync clock handed from the waker to this waiter (used by Cond); null otherwise. */
    Object clock;
    private volatile boolean done;

    /** Blocks the calling (owning) thread until {@link #wake()} has been called. */
    void park() {
        boolean interrupted = false;
        while (!done) {
            g.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once a waker has woken this waiter. */
    boolean done() {
        return done;
    }

    /** Marks the goroutine runnable, then releases it; call under the owning primitive's lock. */
    void wake() {
        g.endWait();
        done = true;
        Scheduler.unpark(thread, false);
    }
}

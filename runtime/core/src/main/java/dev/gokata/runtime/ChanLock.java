package dev.gokata.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The lock of one channel, Go's runtime {@code mutex}: held only for a few dozen nanoseconds, never while parking,
 * so a waiter spins briefly and then yields its carrier instead of parking (a parked virtual thread costs
 * microseconds to wake, far more than the critical section it waits for). {@link Chan} extends it, so that the
 * lock word sits in the channel's own object, next to the state it guards, as the lock inside Go's {@code hchan}:
 * one cache line fewer to move between cores per operation.
 *
 * <p>Why a waiter that keeps failing sleeps at last, as Go's {@code lock} ends in {@code futexsleep}: a yield
 * requeues the virtual thread, and with enough waiters yielding in turn the JDK's scheduler can keep both carriers
 * busy with them forever while the holder, requeued by its own yield on another channel's lock (a select takes
 * several), waits in a queue no carrier gets to: eight selects over two buffered channels hung so, every waiter
 * spinning on a lock whose holder never ran again (SelectTest; about once in a hundred runs). A waiter that has
 * yielded {@value #YIELDS} times in vain parks for a moment, doubling up to {@code MAX_SLEEP_NANOS}: the carriers
 * then run out of yielders and run the holder. An ordinary contended wait ends long before that.
 */
abstract class ChanLock {
    private static final VarHandle STATE;
    private static final int SPINS = 64;
    private static final int YIELDS = 16;
    private static final long MIN_SLEEP_NANOS = TimeUnit.MICROSECONDS.toNanos(1);
    private static final long MAX_SLEEP_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ChanLock.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    void lock() {
        if (!STATE.compareAndSet(this, 0, 1)) {
            contended();
        }
    }

    private void contended() {
        int spins = 0;
        int yields = 0;
        long sleep = MIN_SLEEP_NANOS;
        while (true) {
            if ((int) STATE.getOpaque(this) == 0 && STATE.compareAndSet(this, 0, 1)) {
                return;
            }
            if (++spins < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            spins = 0;
            if (++yields <= YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(sleep); // not a goroutine's park: the deadlock detector sees it running
                sleep = Math.min(2 * sleep, MAX_SLEEP_NANOS);
            }
        }
    }

    void unlock() {
        STATE.setRelease(this, 0);
    }
}

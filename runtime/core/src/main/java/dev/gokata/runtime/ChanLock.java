package dev.gokata.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The lock of one channel, Go's runtime {@code mutex}: held only for a few dozen nanoseconds, never while parking,
 * so a waiter spins briefly and then yields its carrier instead of parking (a parked virtual thread costs
 * microseconds to wake, far more than the critical section it waits for). {@link Chan} extends it, so that the lock
 * word sits in the channel's own object, next to the state it guards, as the lock inside Go's {@code hchan}: one
 * cache line fewer to move between cores per operation.
 *
 * <p>On the runtime's own pool ({@link Scheduler}) a waiter yields after {@code SPINS} only to goroutines queued on
 * its carrier, and otherwise after {@code SPINS_ALONE}: a yield from an empty carrier goes to the pool's shared
 * queue and wakes the other carrier, which then steals work and splits a producer from its consumer. It must yield
 * at last all the same: a select that holds this lock may be yielding in its wait for the next one.
 */
abstract class ChanLock {
    private static final VarHandle STATE;
    private static final int SPINS = 64;
    /** Spins before a yield even when no other goroutine is queued on this carrier. */
    private static final int SPINS_ALONE = SPINS * 16;

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
        while (true) {
            if ((int) STATE.getOpaque(this) == 0 && STATE.compareAndSet(this, 0, 1)) {
                return;
            }
            if (++spins % SPINS != 0) {
                Thread.onSpinWait();
            } else if (spins == SPINS_ALONE || Scheduler.workQueuedHere()) {
                spins = 0;
                Thread.yield();
            }
        }
    }

    void unlock() {
        STATE.setRelease(this, 0);
    }
}

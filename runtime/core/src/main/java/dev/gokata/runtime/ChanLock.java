package dev.gokata.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The lock of one channel, Go's runtime {@code mutex}: held only for a few dozen nanoseconds, never while parking,
 * so a waiter spins briefly and then yields its carrier instead of parking (a parked virtual thread costs
 * microseconds to wake, far more than the critical section it waits for). {@link Chan} extends it, so that the
 * lock word sits in the channel's own object, next to the state it guards, as the lock inside Go's {@code hchan}:
 * one cache line fewer to move between cores per operation.
 */
abstract class ChanLock {
    private static final VarHandle STATE;
    private static final int SPINS = 64;

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
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                spins = 0;
                Thread.yield();
            }
        }
    }

    void unlock() {
        STATE.setRelease(this, 0);
    }
}

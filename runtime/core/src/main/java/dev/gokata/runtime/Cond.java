package dev.gokata.runtime;

import dev.gokata.runtime.race.Race;
import java.util.ArrayDeque;

/**
 * Go's {@code sync.Cond}: goroutines wait on it for a condition, holding its Locker around the check.
 * Signal and broadcast may be called with or without the lock held.
 *
 * <p>Implementation note. A FIFO queue of {@link SyncWaiter}s guarded by {@code guard} (Go's {@code notifyList}).
 * {@link #await} queues its waiter <em>before</em> unlocking {@code l}, so a signal sent between the unlock and the
 * park is not lost (Go's ticket). Only then, under {@code guard}, it calls {@code beginWait(COND_WAIT)}, and only if
 * no signal has woken it yet: marking the goroutine blocked before unlocking {@code l} could make the deadlock
 * detector count it blocked while the goroutine it is about to wake through {@code l.unlock()} is blocked too.
 * {@link #signal} wakes the longest waiter, {@link #broadcast} every waiter queued at the time of the call.
 * After waking, {@code await} locks {@code l} again before returning.
 *
 * <p>Invariants (under {@code guard}): a waiter is in {@code waiters} iff it has not been woken. Never call user code
 * (including {@code l}) while holding {@code guard}.
 *
 * <p>Race hooks: signal and broadcast release the caller's clock into each woken waiter's clock; the woken
 * {@code await} acquires it before locking {@code l} again.
 */
public final class Cond {
    private final Locker l;
    private final Object guard = new Object();
    /** Guarded by {@code guard}. */
    private final ArrayDeque<SyncWaiter> waiters = new ArrayDeque<>();

    /** Go's {@code sync.NewCond(l)}. */
    public Cond(Locker l) {
        this.l = l;
    }

    /** The Locker held while observing or changing the condition: Go's {@code c.L}. */
    public Locker l() {
        return l;
    }

    /** Unlocks l, waits for a signal or broadcast, and locks l again before returning: Go's {@code Wait}. */
    public void await() {
        var w = new SyncWaiter();
        synchronized (guard) {
            waiters.addLast(w);
        }
        try {
            l.unlock();
        } catch (RuntimeException | Error e) {
            synchronized (guard) {
                waiters.remove(w);
            }
            throw e;
        }
        synchronized (guard) {
            if (!w.done()) {
                w.g.beginWait(WaitReason.COND_WAIT);
            }
        }
        w.park();
        if (Race.ENABLED) {
            Race.acquire(w.clock);
        }
        l.lock();
    }

    /** Wakes the goroutine that has waited longest, if any. */
    public void signal() {
        synchronized (guard) {
            SyncWaiter w = waiters.pollFirst();
            if (w != null) {
                wake(w);
            }
        }
    }

    /** Wakes every waiting goroutine. */
    public void broadcast() {
        synchronized (guard) {
            for (SyncWaiter w : waiters) {
                wake(w);
            }
            waiters.clear();
        }
    }

    private static void wake(SyncWaiter w) {
        if (Race.ENABLED) {
            w.clock = Race.release(w.clock);
        }
        w.wake();
    }
}

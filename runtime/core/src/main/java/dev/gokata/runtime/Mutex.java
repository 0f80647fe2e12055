package dev.gokata.runtime;

import dev.gokata.runtime.race.Race;
import java.util.ArrayDeque;

/**
 * Go's {@code sync.Mutex}: not re-entrant (locking twice in one goroutine deadlocks), may be unlocked by another
 * goroutine than the one that locked it, and unlocking an unlocked mutex is a fatal error.
 *
 * <p>Implementation note. A {@code locked} flag and a FIFO queue of parked waiters, both guarded by {@code guard}.
 * {@link #lock} takes a free mutex at once; otherwise it queues a {@link SyncWaiter} with
 * {@link WaitReason#MUTEX_LOCK} and parks. {@link #unlock} hands the mutex directly to the longest waiter
 * ({@code locked} stays true and the waiter owns it when it wakes), or clears {@code locked} when nobody waits.
 * Deviation from Go: no barging and no spinning, so the mutex is always fair (Go's "starvation mode" at all times);
 * that is slower under heavy contention and never starves anyone. The mutex has no owner, so nothing stops a
 * goroutine from locking it twice: it then waits forever, as in Go, and the program's deadlock detector reports it.
 *
 * <p>Invariants (under {@code guard}): {@code waiters} is non-empty only while {@code locked}. Never call user code
 * while holding {@code guard}.
 *
 * <p>Race hooks: {@code unlock} releases into {@code clock}; every {@code lock} (and successful {@code tryLock})
 * acquires it, so an unlock happens before the next lock.
 */
public final class Mutex implements Locker {
    private final Object guard = new Object();
    /** Guarded by {@code guard}. */
    private boolean locked;
    /** Guarded by {@code guard}. */
    private final ArrayDeque<SyncWaiter> waiters = new ArrayDeque<>();
    /** The race detector's sync clock of the unlocks; written under {@code guard} before the hand-off. */
    private volatile Object clock;

    /** Locks, blocking until the mutex is free. */
    @Override
    public void lock() {
        SyncWaiter w;
        synchronized (guard) {
            if (!locked) {
                locked = true;
                if (Race.ENABLED) {
                    Race.acquire(clock);
                }
                return;
            }
            w = new SyncWaiter();
            w.g.beginWait(WaitReason.MUTEX_LOCK);
            waiters.addLast(w);
        }
        w.park();
        if (Race.ENABLED) {
            Race.acquire(clock);
        }
    }

    /** Locks if free, without blocking; true if it did. */
    public boolean tryLock() {
        synchronized (guard) {
            if (locked) {
                return false;
            }
            locked = true;
            if (Race.ENABLED) {
                Race.acquire(clock);
            }
            return true;
        }
    }

    /** Unlocks; @throws GoFatalError {@code sync: unlock of unlocked mutex}. */
    @Override
    public void unlock() {
        synchronized (guard) {
            if (!locked) {
                throw new GoFatalError("sync: unlock of unlocked mutex");
            }
            if (Race.ENABLED) {
                clock = Race.release(clock);
            }
            SyncWaiter next = waiters.pollFirst();
            if (next == null) {
                locked = false;
            } else {
                next.wake();
            }
        }
    }
}

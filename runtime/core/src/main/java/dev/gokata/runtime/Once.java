package dev.gokata.runtime;

import dev.gokata.runtime.race.Race;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code sync.Once}: runs a function once; every caller returns only after that first call has finished.
 *
 * <p>Implementation note. States: not started, running ({@code running}), done ({@code done}). The first caller
 * sets {@code running} under {@code guard} and calls {@code f} outside it; concurrent callers queue a
 * {@link SyncWaiter} with {@link WaitReason#ONCE_DO} and park. When {@code f} returns <em>or panics</em> the first
 * caller sets {@code done} and wakes every waiter, in one critical section; a panic then propagates to the first
 * caller only, and the Once counts as done, as Go's {@code defer o.done.Store(1)} does. Calls after that take the
 * lock-free fast path on the volatile {@code done}. As in Go, calling {@code run} on the same Once from inside
 * {@code f} waits forever (reported as a deadlock).
 *
 * <p>Invariants: {@code done} and {@code running} are written under {@code guard}; {@code waiters} (guarded by
 * {@code guard}) is empty once {@code done}. Never call user code while holding {@code guard}.
 *
 * <p>Race hooks: the end of the first call releases into {@code clock} (before {@code done} is published); every
 * return of {@code run} acquires it.
 */
public final class Once {
    private final Object guard = new Object();
    private volatile boolean done;
    /** Guarded by {@code guard}. */
    private boolean running;
    /** Guarded by {@code guard}. */
    private final List<SyncWaiter> waiters = new ArrayList<>();
    /** The race detector's sync clock of the first call's end; written before {@code done}. */
    private Object clock;

    /** Go's {@code once.Do(f)}: calls {@code f} if and only if no call of run on this Once has called it before. */
    public void run(Runnable f) {
        if (done) {
            acquire();
            return;
        }
        SyncWaiter w;
        synchronized (guard) {
            if (done) {
                acquire();
                return;
            }
            if (!running) {
                running = true;
                w = null;
            } else {
                w = new SyncWaiter();
                w.g.beginWait(WaitReason.ONCE_DO);
                waiters.add(w);
            }
        }
        if (w != null) {
            w.park();
            acquire();
            return;
        }
        try {
            f.run();
        } finally {
            synchronized (guard) {
                if (Race.ENABLED) {
                    clock = Race.release(clock);
                }
                done = true;
                for (SyncWaiter waiter : waiters) {
                    waiter.wake();
                }
                waiters.clear();
            }
        }
    }

    private void acquire() {
        if (Race.ENABLED) {
            Race.acquire(clock);
        }
    }
}

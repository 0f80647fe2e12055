package dev.gokata.runtime;

import dev.gokata.runtime.race.Race;
import dev.gokata.runtime.race.RaceDetector;
import dev.gokata.runtime.race.Sites;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code sync.WaitGroup}: waits for a collection of goroutines to finish. Every {@link #done()} happens before
 * the {@link #await()} it releases returns.
 *
 * <p>Implementation note. A counter and a list of parked waiters, both guarded by {@code guard}. {@link #add} changes
 * the counter; when it reaches zero every waiter is woken (and the list emptied) in the same critical section.
 * {@link #await} returns at once on a zero counter, otherwise queues a {@link SyncWaiter} with
 * {@link WaitReason#WAITGROUP_WAIT} and parks.
 *
 * <p>Invariants (under {@code guard}): {@code counter >= 0}; {@code waiters} is empty whenever {@code counter == 0}.
 * A negative delta that would make the counter negative panics with {@code sync: negative WaitGroup counter} and
 * leaves the counter unchanged. Never call user code while holding {@code guard}.
 *
 * <p>Race hooks: every negative {@code add} (a done) releases into {@code clock}; every return of {@code await}
 * acquires it. {@code clock} is written under {@code guard}, and read after {@code guard} or after the waker's
 * volatile {@code done} write. And, as Go's race detector does, an {@code add} that takes the counter up from zero
 * reads the WaitGroup and the first {@code await} that waits writes it: an add that is not ordered before the wait
 * (called inside the goroutine it counts, say) is reported as a data race whichever runs first, where its bug, a
 * wait that returns too early, shows only in some schedules.
 */
public final class WaitGroup {
    /** The race detector's ids of the accesses above; registered only when the detector is on. */
    private static final class RaceSites {
        static final int COUNTER = Sites.field("sync.WaitGroup", "counter");
        static final int ADD = Sites.site("sync.WaitGroup", "add", "WaitGroup.java", 0, Sites.RUNTIME);
        static final int WAIT = Sites.site("sync.WaitGroup", "await", "WaitGroup.java", 0, Sites.RUNTIME);
    }

    private final Object guard = new Object();
    /** Guarded by {@code guard}. */
    private long counter;
    /** Guarded by {@code guard}. */
    private final List<SyncWaiter> waiters = new ArrayList<>();
    /** The race detector's sync clock of the dones; written under {@code guard}. */
    private volatile Object clock;

    /**
     * Adds {@code delta} (which may be negative) to the counter, releasing every waiter when it reaches zero.
     * @throws GoPanic {@code sync: negative WaitGroup counter}
     */
    public void add(int delta) {
        boolean fromZero;
        synchronized (guard) {
            long next = counter + delta;
            if (next < 0) {
                throw new GoPanic("sync: negative WaitGroup counter");
            }
            if (Race.ENABLED && delta < 0) {
                clock = Race.release(clock);
            }
            fromZero = counter == 0 && next > 0;
            counter = next;
            if (next == 0) {
                for (SyncWaiter w : waiters) {
                    w.wake();
                }
                waiters.clear();
            }
        }
        if (Race.ENABLED && fromZero) {
            RaceDetector.read(this, RaceSites.COUNTER, RaceSites.ADD);
        }
    }

    /** Decrements the counter by one. */
    public void done() {
        add(-1);
    }

    /** Blocks until the counter is zero: Go's {@code Wait} (Java reserves {@code wait()}). */
    public void await() {
        SyncWaiter w;
        boolean first;
        synchronized (guard) {
            if (counter == 0) {
                if (Race.ENABLED) {
                    Race.acquire(clock);
                }
                return;
            }
            w = new SyncWaiter();
            w.g.beginWait(WaitReason.WAITGROUP_WAIT);
            first = waiters.isEmpty();
            waiters.add(w);
        }
        if (Race.ENABLED && first) {
            RaceDetector.write(this, RaceSites.COUNTER, RaceSites.WAIT);
        }
        w.park();
        if (Race.ENABLED) {
            Race.acquire(clock);
        }
    }
}

package dev.gokata.runtime.race;

import java.util.Arrays;

/**
 * The clock of one synchronisation object (a channel slot, a mutex, a monitor, a volatile field, a j.u.c object):
 * what every release into it has published. The opaque "sync clock" of {@link Race}.
 *
 * <p>Implementation note. {@code clock} is guarded by {@code this}; a release joins the releasing thread's clock in,
 * an acquire joins it out, both under the lock, so concurrent releases and acquires on one clock are safe.
 * {@code links} (copy-on-write, guarded by {@code this} for writers) are clocks this one stands for too: a
 * {@code Condition} is linked to its lock, a {@code Future} to the task that completes it, {@code allOf(a, b)} to
 * {@code a} and {@code b}. Releasing or acquiring a clock also releases into or acquires from its links, to a small
 * depth: links only add happens-before edges, so they can hide a race but never invent one.
 *
 * <p>{@code gen} (guarded by {@code this}) is the detector's generation the clock's entries belong to. A
 * {@link RaceDetector#reset()} gives thread slots out again from 1, while a sync object of the runtime may outlive
 * it: its old entries would then order a new thread's accesses before whoever acquires it, and hide their races. So
 * an acquire ignores a clock of an older generation, and a release into one starts it afresh.
 */
final class SyncClock {
    private static final SyncClock[] NO_LINKS = new SyncClock[0];
    private static final int MAX_LINKS = 32;
    private static final int MAX_DEPTH = 4;

    private final VectorClock clock = new VectorClock();
    private int gen = ThreadState.generation();
    private volatile SyncClock[] links = NO_LINKS;

    /** Publishes {@code t}'s history into this clock (and its links), then advances {@code t}'s epoch. */
    void release(ThreadState t) {
        publish(t, 0);
        t.tick();
    }

    /** Joins this clock (and its links) into {@code t}'s clock. */
    void acquire(ThreadState t) {
        receive(t, 0);
    }

    /** Joins a snapshot clock in, as a release would, without a thread (a dead thread's final clock). */
    synchronized void joinFrom(VectorClock vc) {
        renew(ThreadState.generation());
        clock.join(vc);
    }

    void link(SyncClock other) {
        if (other == this || other == null) {
            return;
        }
        synchronized (this) {
            SyncClock[] l = links;
            for (SyncClock s : l) {
                if (s == other) {
                    return;
                }
            }
            if (l.length < MAX_LINKS) {
                SyncClock[] n = Arrays.copyOf(l, l.length + 1);
                n[l.length] = other;
                links = n;
            }
        }
    }

    private void publish(ThreadState t, int depth) {
        synchronized (this) {
            renew(t.gen());
            clock.join(t.clock());
        }
        if (depth < MAX_DEPTH) {
            for (SyncClock s : links) {
                s.publish(t, depth + 1);
            }
        }
    }

    private void receive(ThreadState t, int depth) {
        synchronized (this) {
            if (gen == t.gen()) {
                t.clock().join(clock);
            }
        }
        if (depth < MAX_DEPTH) {
            for (SyncClock s : links) {
                s.receive(t, depth + 1);
            }
        }
    }

    /** Forgets the entries of an older generation than {@code current}. Holds the lock. */
    private void renew(int current) {
        if (gen != current) {
            clock.clear();
            gen = current;
        }
    }

    @Override
    public synchronized String toString() {
        return "SyncClock" + clock;
    }
}

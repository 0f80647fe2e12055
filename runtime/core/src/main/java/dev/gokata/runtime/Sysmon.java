package dev.gokata.runtime;

import dev.gokata.runtime.CarrierWatch.Seen;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code gokata-sysmon} thread, after Go's {@code sysmon}: every millisecond it looks at the runtime's carriers,
 * wakes an idle carrier for work that waits, and sizes the pool ({@link CarrierSizing}).
 *
 * <p>Work that waits. A lazily woken goroutine waits for its carrier to finish what it runs, and a goroutine that
 * never blocks would keep it waiting; so would a goroutine in the shared queue while the pool runs one carrier and
 * that carrier runs a goroutine that never blocks. A tick in which either happened (queued work, and its carrier,
 * or for the shared queue every carrier, ran nothing new) wakes an idle carrier, which steals the work. Two ticks in
 * a row in which a goroutine that computes held work up grow a shrunk pool; one that feeds the queues does not
 * ({@link CarrierWatch}). So do a few ticks in a row in which work waited while every carrier was idle, should the
 * wake-ups fail.
 *
 * <p>Its own cost. It starts with the first lazy wake-up or {@code go}, and sleeps once the program has run nothing
 * and queued nothing for a second, after growing the pool back to every carrier; the next lazy wake-up or {@code go}
 * wakes it.
 */
final class Sysmon {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int IDLE_TICKS = 1000;
    /** Ticks in a row with work queued and every carrier idle, after which the pool grows in case wake-ups fail. */
    private static final int STALLED_TICKS = 5;
    private static final long SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ForkJoinPool pool;
    /** The pool's size policy, or null where the pool keeps every carrier. */
    private final CarrierSizing sizing;
    private volatile Thread thread;
    private volatile boolean sleeping;

    /** Watches {@code pool}, sizing it if {@code sizing} is not null; starts at the first {@link #watch}. */
    Sysmon(ForkJoinPool pool, CarrierSizing sizing) {
        this.pool = pool;
        this.sizing = sizing;
    }

    /** After a lazy wake-up or before a {@code go}: starts sysmon on the first, wakes it if it sleeps. */
    void watch() {
        if (thread == null) {
            synchronized (this) {
                if (thread == null) {
                    // inheriting nothing, not even the context class loader: else it would carry the program of the
                    // goroutine that first needed it, and be taken for a thread of that program (OutsideThreads)
                    thread = Thread.ofPlatform().daemon().name("gokata-sysmon").inheritInheritableThreadLocals(false)
                            .start(this::run);
                }
            }
        } else if (sleeping) {
            sleeping = false;
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        int idleTicks = 0;
        int stalledTicks = 0;
        while (true) {
            LockSupport.parkNanos(TICK_NANOS);
            var look = Look.now(pool);
            if (look.starving() && pool.getActiveThreadCount() < pool.getParallelism()) {
                pool.execute(() -> { }); // an external submit wakes an idle carrier; it steals what waits
            }
            stalledTicks = look.stalled() ? stalledTicks + 1 : 0;
            if (sizing != null) {
                resize(sizing.tick(look.heldUp() || stalledTicks >= STALLED_TICKS, look.computing()));
            }
            idleTicks = look.queued() || look.switched() ? 0 : idleTicks + 1;
            if (idleTicks >= IDLE_TICKS) {
                idleTicks = 0;
                if (sizing != null) {
                    sizing.reset();
                    resize(sizing.carriers());
                }
                sleep();
            }
        }
    }

    /** Sleeps until {@link #watch} or work queued on a carrier wakes it. */
    private void sleep() {
        sleeping = true;
        // Rechecked after the flag, so that a lazy wake-up either sees the flag or is seen here; the bounded park
        // covers what that leaves out (the pool's queue indexes are not all volatile).
        while (sleeping && Carrier.all().stream().noneMatch(c -> c.getQueuedTaskCount() > 0)) {
            LockSupport.parkNanos(SLEEP_NANOS);
        }
        sleeping = false;
    }

    private void resize(int carriers) {
        if (pool.getParallelism() != carriers) {
            Carrier.resize(pool, carriers);
        }
    }

    /**
     * What one tick saw: work {@code queued} anywhere; whether any carrier {@code switched} goroutines since the
     * last look; whether queued work was {@code starving}, its carrier (for the shared queue, every carrier) running
     * one goroutine or nothing since the last look; whether it was {@code heldUp} so by a goroutine that computes
     * ({@link CarrierWatch}); whether the carriers {@code stalled}, all idle though work was queued (a wake-up the
     * pool missed); and how many carriers ran one goroutine since the last look ({@code computing}).
     */
    private record Look(boolean queued, boolean switched, boolean starving, boolean heldUp, boolean stalled,
            int computing) {
        static Look now(ForkJoinPool pool) {
            boolean queued = pool.hasQueuedSubmissions();
            boolean switched = false;
            boolean starving = false;
            boolean heldUp = false;
            boolean feeding = false;
            int computing = 0;
            for (Carrier c : Carrier.all()) {
                var seen = c.watch.look(c.runs(), c.readiedCount(), c.running());
                if (c.getQueuedTaskCount() > 0) {
                    queued = true;
                    starving |= seen != Seen.SWITCHED;
                    heldUp |= seen == Seen.COMPUTING;
                }
                switched |= seen == Seen.SWITCHED;
                feeding |= seen == Seen.FEEDING;
                if (seen == Seen.FEEDING || seen == Seen.COMPUTING) {
                    computing++;
                }
            }
            boolean sharedStarving = queued && !switched;
            return new Look(queued, switched, starving || sharedStarving,
                    heldUp || sharedStarving && computing > 0 && !feeding, sharedStarving && computing == 0,
                    computing);
        }
    }
}

package dev.gokata.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One carrier thread of the runtime's pool ({@link Scheduler}): what the runtime tells the scheduler about its next
 * submit, what it counts for {@link Sysmon}, and whether it may run goroutines while the pool is shrunk to one.
 *
 * <p>Why a carrier may have to stand by. {@link ForkJoinPool#setParallelism} only stops the pool from waking more
 * carriers than that; a carrier already awake keeps taking work while it finds some. So while one carrier is
 * allowed, the first to run a goroutine owns the pool, and any other that takes a goroutine gives it back to the
 * shared queue and waits, counted by the pool as blocked, until the pool grows again or the owner ends.
 */
final class Carrier extends ForkJoinWorkerThread {
    private static final VarHandle RUNS;
    private static final VarHandle RUNS_ENDED;
    private static final VarHandle READIED;
    private static final List<Carrier> ALL = new CopyOnWriteArrayList<>();
    /** How many carriers may run goroutines at once, as {@link #resize} last set it. */
    private static volatile int allowed = Integer.MAX_VALUE;
    /** While one carrier is allowed: the one that runs goroutines, or null until one claims it. */
    private static final AtomicReference<Carrier> OWNER = new AtomicReference<>();

    static {
        try {
            RUNS = MethodHandles.lookup().findVarHandle(Carrier.class, "runs", long.class);
            RUNS_ENDED = MethodHandles.lookup().findVarHandle(Carrier.class, "runsEnded", long.class);
            READIED = MethodHandles.lookup().findVarHandle(Carrier.class, "readied", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The next submit from this carrier is a lazy wake-up ({@link Scheduler#unpark}); only this carrier touches it. */
    boolean lazyNext;
    /** The next submit from this carrier starts a goroutine ({@link Scheduler#start}); ditto. */
    boolean startNext;
    /** The goroutine on this carrier is parking in the runtime ({@link Scheduler#parking}); reset before every run. */
    boolean parking;
    /** Goroutines run so far, read by sysmon (opaque: a count, not a publication). */
    @SuppressWarnings("unused") // through RUNS
    private long runs;
    /** Goroutines run to their next yield or park so far: {@code runs} but the one running now, if any. */
    @SuppressWarnings("unused") // through RUNS_ENDED
    private long runsEnded;
    /** Goroutines started or woken by the goroutines run here so far, read by sysmon (opaque, as {@code runs}). */
    @SuppressWarnings("unused") // through READIED
    private long readied;
    /** Sysmon's view of this carrier; only sysmon touches it. */
    final CarrierWatch watch = new CarrierWatch();

    Carrier(ForkJoinPool pool) {
        super(pool);
        // not the loader of the goroutine's program that may have started it: that would keep the program alive
        setContextClassLoader(ClassLoader.getSystemClassLoader());
    }

    /** The carriers alive now. */
    static List<Carrier> all() {
        return ALL;
    }

    /**
     * Lets {@code carriers} carriers of {@code pool} run goroutines at once: the pool wakes no more than that, and
     * while it is one, every carrier but the first to run a goroutine stands by.
     */
    static void resize(ForkJoinPool pool, int carriers) {
        pool.setParallelism(carriers);
        OWNER.set(null);
        allowed = carriers;
        if (carriers > 1) {
            ALL.forEach(LockSupport::unpark); // those standing by
        }
    }

    /**
     * A goroutine's continuation as the pool runs it: through the carrier that takes it ({@link #run}), which counts
     * it, or hands it back while another carrier owns the shrunk pool.
     */
    record Task(Runnable continuation) implements Runnable {
        @Override
        public void run() {
            if (Thread.currentThread() instanceof Carrier c) {
                c.run(this);
            } else {
                continuation.run();
            }
        }
    }

    /** Runs {@code task} here, or hands it back if another carrier owns the shrunk pool. */
    private void run(Task task) {
        if (allowed == 1 && !owns()) {
            standBy(task);
            return;
        }
        RUNS.setOpaque(this, (long) RUNS.getOpaque(this) + 1);
        parking = false;
        try {
            task.continuation().run();
        } finally {
            RUNS_ENDED.setOpaque(this, (long) RUNS_ENDED.getOpaque(this) + 1);
        }
    }

    long runs() {
        return (long) RUNS.getOpaque(this);
    }

    /** Counts a goroutine started or woken by the goroutine running here. */
    void readied() {
        READIED.setOpaque(this, (long) READIED.getOpaque(this) + 1);
    }

    long readiedCount() {
        return (long) READIED.getOpaque(this);
    }

    /** Whether a goroutine runs on this carrier now (as far as sysmon can tell). */
    boolean running() {
        return (long) RUNS_ENDED.getOpaque(this) != runs();
    }

    @Override
    protected void onStart() {
        super.onStart();
        ALL.add(this);
    }

    @Override
    protected void onTermination(Throwable exception) {
        ALL.remove(this);
        if (OWNER.compareAndSet(this, null)) {
            ALL.forEach(LockSupport::unpark); // one standing by may claim the pool
        }
        super.onTermination(exception);
    }

    /** Whether this carrier may run goroutines while only one may: it is the owner, or becomes it now. */
    private boolean owns() {
        Carrier owner = OWNER.get();
        return owner == this || owner == null && OWNER.compareAndSet(null, this);
    }

    /**
     * Gives {@code task}, and the goroutines queued here, back to the shared queue, and waits until this carrier
     * may run goroutines again. The pool counts it as blocked ({@link ForkJoinPool#managedBlock}), so that an idle
     * owner is woken for the work.
     */
    private void standBy(Task task) {
        getPool().externalSubmit(ForkJoinTask.adapt(task));
        LocalTasks.moveToSharedQueue(getPool());
        try {
            ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
                @Override
                public boolean block() {
                    while (!isReleasable()) {
                        LockSupport.park(this);
                    }
                    return true;
                }

                @Override
                public boolean isReleasable() {
                    Carrier owner = OWNER.get();
                    return allowed > 1 || owner == null || owner == Carrier.this;
                }
            });
        } catch (InterruptedException e) {
            interrupt(); // nobody interrupts carriers; kept for whoever does
        }
    }

    /** The calling carrier's own queue, which {@link ForkJoinTask} opens only to its subclasses. */
    @SuppressWarnings("serial") // never serialized
    private abstract static class LocalTasks extends ForkJoinTask<Void> {
        /** Moves the goroutines queued on the calling carrier to {@code pool}'s shared queue. */
        static void moveToSharedQueue(ForkJoinPool pool) {
            for (ForkJoinTask<?> t; (t = pollNextLocalTask()) != null; ) {
                pool.externalSubmit(t);
            }
        }
    }
}

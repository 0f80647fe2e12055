package dev.gokata.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Where goroutines run: a carrier pool of the runtime's own, on which a goroutine woken by a buffered channel waits
 * on its waker's carrier instead of waking another (Go's {@code runnext}), or the JDK's pool where the JVM does not
 * open {@code java.lang} to the runtime ({@link JvmOptions#OPEN_JAVA_LANG}).
 *
 * <p>Why. When a producer puts a value into a buffered channel and wakes the parked consumer, the JDK's scheduler
 * pushes the consumer to the producer's carrier and wakes an idle carrier, which steals it at once: both sides then
 * run at the same time, and the channel's cache line crosses the cores on every operation. Go puts the woken
 * goroutine in its P's {@code runnext} slot, where another P may take it only after a 3 µs back-off, so producer
 * and consumer take turns on one P, a batch each. The JDK has the wake-up Go's needs, {@link
 * ForkJoinPool#lazySubmit} (queue a task on the caller's carrier, wake nobody), and uses it only inside its own
 * scheduler. A virtual thread runs on a pool of the caller's choosing only through a builder the JDK keeps private,
 * so the runtime opens it by reflection when the JVM allows ({@code --add-opens java.base/java.lang=ALL-UNNAMED})
 * and otherwise runs on the JDK's pool, correct and slower on buffered channels (docs/benchmarks.md).
 *
 * <p>Which wake-up is lazy. Only a wake-up by a buffered channel ({@link Sudog#ready}): the waker usually goes on
 * producing or consuming until the buffer is full or empty, then blocks, and its carrier runs the woken goroutine.
 * A rendezvous wakes eagerly, as the JDK does: its waker will wait for an answer at once, and the partner spinning on
 * the other carrier answers fastest. {@code go} puts the new goroutine in the pool's shared queue and wakes a
 * carrier, as the JDK starts a virtual thread, so that new goroutines spread over the cores. Between goroutines the
 * pool does as the JDK's: a park that raced an unpark runs again on its carrier, a yield from an empty carrier goes
 * to the shared queue; but a yield behind queued goroutines wakes no other carrier, which would steal the partner
 * just queued there (the JDK's wakes one while fewer than two are queued).
 *
 * <p>Liveness. A lazily woken goroutine waits for its carrier to finish what it runs; a goroutine that never blocks
 * would keep it waiting. The {@code gokata-sysmon} thread (after Go's {@code sysmon}) looks every millisecond for a
 * carrier with queued goroutines that has run nothing since the last look, and then wakes an idle carrier, which
 * steals them. It starts with the first lazy wake-up, sleeps when no carrier has had queued work for a second, and the
 * next lazy wake-up wakes it.
 */
public final class Scheduler {
    /** The runtime's pool, or null on the JDK's pool (the JVM does not open java.lang, or gokata.scheduler=jdk). */
    private static final ForkJoinPool POOL;
    /** The JDK's builder of virtual threads on a given pool, or null on the JDK's pool. */
    private static final MethodHandle BUILDER;
    /** {@code Thread.currentCarrierThread()}: the carrier a virtual thread runs on, or the platform thread itself. */
    private static final MethodHandle CARRIER;
    private static final List<Carrier> CARRIERS = new CopyOnWriteArrayList<>();
    private static final long SYSMON_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int SYSMON_IDLE_TICKS = 1000;
    private static final long SYSMON_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static volatile Thread sysmon;
    private static volatile boolean sysmonSleeping;

    static {
        ForkJoinPool pool = null;
        MethodHandle builder = null;
        MethodHandle carrier = null;
        if (!"jdk".equals(System.getProperty("gokata.scheduler"))) {
            try {
                carrier = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup())
                        .findStatic(Thread.class, "currentCarrierThread", MethodType.methodType(Thread.class));
                var constructor = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
                        .getDeclaredConstructor(Executor.class);
                constructor.setAccessible(true);
                builder = MethodHandles.lookup().unreflectConstructor(constructor)
                        .asType(MethodType.methodType(Thread.Builder.OfVirtual.class, Executor.class));
                pool = newPool();
            } catch (ReflectiveOperationException | RuntimeException closed) { // InaccessibleObjectException
                pool = null;
                builder = null;
                carrier = null;
            }
        }
        POOL = pool;
        BUILDER = builder;
        CARRIER = carrier;
    }

    private Scheduler() {
    }

    /** A new builder of goroutines' virtual threads: on the runtime's pool if there is one. */
    static Thread.Builder.OfVirtual newBuilder() {
        if (BUILDER == null) {
            return Thread.ofVirtual();
        }
        try {
            return (Thread.Builder.OfVirtual) BUILDER.invokeExact((Executor) Scheduler::submit);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /** True when goroutines run on the runtime's own pool. */
    static boolean own() {
        return POOL != null;
    }

    /** The name of the runtime's carrier the caller runs on, if it is one (for tests). */
    static Optional<String> carrierName() {
        return Optional.ofNullable(carrier()).map(Thread::getName);
    }

    /** The number of carriers the runtime's pool may run at once; 0 on the JDK's pool. */
    static int parallelism() {
        return POOL == null ? 0 : POOL.getParallelism();
    }

    /** As the JDK's default pool: a carrier per core (or jdk.virtualThreadScheduler.parallelism), FIFO queues. */
    private static ForkJoinPool newPool() {
        int parallelism = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        return new ForkJoinPool(parallelism, Carrier::new, (t, e) -> { }, true,
                0, Math.max(parallelism, 256), 1, p -> true, 30, TimeUnit.SECONDS);
    }

    /** One carrier thread of the runtime's pool, with what the runtime tells the scheduler about its next submit. */
    private static final class Carrier extends ForkJoinWorkerThread {
        private static final VarHandle RUNS;

        static {
            try {
                RUNS = MethodHandles.lookup().findVarHandle(Carrier.class, "runs", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** The next submit from this carrier is a lazy wake-up ({@link #unpark}); only this carrier touches it. */
        boolean lazyNext;
        /** The next submit from this carrier starts a goroutine ({@link #start}); ditto. */
        boolean startNext;
        /** The goroutine on this carrier is parking in the runtime ({@link #parking}); reset before every run. */
        boolean parking;
        /** Goroutines run so far, read by sysmon (opaque: a count, not a publication). */
        @SuppressWarnings("unused") // through RUNS
        private long runs;
        /** {@code runs} at sysmon's last look; only sysmon touches it. */
        long runsSeen;

        Carrier(ForkJoinPool pool) {
            super(pool);
        }

        @Override
        protected void onStart() {
            super.onStart();
            CARRIERS.add(this);
        }

        @Override
        protected void onTermination(Throwable exception) {
            CARRIERS.remove(this);
            super.onTermination(exception);
        }

        void ran() {
            RUNS.setOpaque(this, (long) RUNS.getOpaque(this) + 1);
            parking = false;
        }

        long runs() {
            return (long) RUNS.getOpaque(this);
        }
    }

    /** A goroutine's continuation, counting its carrier's runs for sysmon. */
    private record Counted(Runnable continuation) implements Runnable {
        @Override
        public void run() {
            if (Thread.currentThread() instanceof Carrier c) {
                c.ran();
            }
            continuation.run();
        }
    }

    private static Thread currentCarrier() {
        try {
            return (Thread) CARRIER.invokeExact();
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /** The runtime's carrier the calling goroutine runs on, or null (the JDK's pool, or not a goroutine). */
    private static Carrier carrier() {
        return POOL != null && currentCarrier() instanceof Carrier c ? c : null;
    }

    /**
     * Wakes {@code thread}, parked in the runtime; {@code lazy} (a buffered channel's wake-up) queues it on the
     * caller's carrier without waking another one.
     */
    static void unpark(Thread thread, boolean lazy) {
        Carrier c = lazy ? carrier() : null;
        if (c == null) {
            LockSupport.unpark(thread);
            return;
        }
        c.lazyNext = true;
        LockSupport.unpark(thread);
        c.lazyNext = false; // if the thread was not parked (or is not ours), nothing was submitted
    }

    /** Starts a goroutine's {@code thread}; from a goroutine, to the pool's shared queue, as the JDK starts one. */
    static void start(Thread thread) {
        Carrier c = carrier();
        if (c == null) {
            thread.start();
            return;
        }
        c.startNext = true;
        try {
            thread.start();
        } finally {
            c.startNext = false;
        }
    }

    /** Called just before a park of the runtime's: if an unpark races it, its carrier runs the goroutine again. */
    static void parking() {
        Carrier c = carrier();
        if (c != null) {
            c.parking = true;
        }
    }

    /**
     * Whether yielding before a park can help {@code g}'s wait: a buffered channel's waiter on the runtime's pool
     * only if other goroutines are queued on its carrier (a yield from an empty carrier goes to the pool's shared
     * queue, and wakes the other carrier for it); a rendezvous, or any wait on the JDK's pool, unless new goroutines
     * wait to begin ({@link Waiter}).
     */
    static boolean yieldHelps(Goroutine g, boolean rendezvous) {
        Carrier c = rendezvous ? null : carrier();
        return c == null ? !g.program().newGoroutinesQueued() : c.getQueuedTaskCount() > 0;
    }

    /**
     * The pool's {@link Executor}: called by the JDK to run a goroutine's continuation, on a goroutine (start,
     * unpark; pinned to its carrier meanwhile) or on a carrier between goroutines (after a yield or a park).
     */
    private static void submit(Runnable continuation) {
        var task = new Counted(continuation);
        Thread current = Thread.currentThread();
        if (current instanceof Carrier c) { // between goroutines:
            boolean parkRaced = c.parking;
            c.parking = false;
            if (c.getQueuedTaskCount() > 0) { // behind the partner queued here, waking no carrier to steal it
                POOL.execute(ForkJoinTask.adapt(task));
            } else if (parkRaced) { // the park raced an unpark: run it again on this carrier, now free
                POOL.lazySubmit(ForkJoinTask.adapt(task));
            } else { // a yield from an empty carrier: to the back of the shared queue
                POOL.externalSubmit(ForkJoinTask.adapt(task));
            }
        } else if (current.isVirtual() && currentCarrier() instanceof Carrier c && (c.lazyNext || c.startNext)) {
            if (c.lazyNext) {
                c.lazyNext = false;
                POOL.lazySubmit(ForkJoinTask.adapt(task));
                watchLazyWakeUps();
            } else { // as the JDK's scheduler starts a virtual thread: to the shared queue, waking a carrier
                c.startNext = false;
                POOL.externalSubmit(ForkJoinTask.adapt(task));
            }
        } else {
            // An eager unpark, as the JDK's scheduler submits it: execute(Runnable) wraps the task in one that wakes
            // an idle carrier more readily than an adapted task (while fewer than two are queued, and on every steal
            // that leaves more).
            POOL.execute(task);
        }
    }

    /** After a lazy wake-up: starts sysmon on the first, wakes it if it sleeps (read after the task is queued). */
    private static void watchLazyWakeUps() {
        if (sysmon == null) {
            synchronized (Scheduler.class) {
                if (sysmon == null) {
                    sysmon = Thread.ofPlatform().daemon().name("gokata-sysmon").start(Scheduler::sysmon);
                }
            }
        } else if (sysmonSleeping) {
            sysmonSleeping = false;
            LockSupport.unpark(sysmon);
        }
    }

    /** Every tick: wakes an idle carrier for the work queued on a carrier that ran nothing since the last tick. */
    private static void sysmon() {
        int idleTicks = 0;
        while (true) {
            LockSupport.parkNanos(SYSMON_TICK_NANOS);
            boolean queued = false;
            boolean starving = false;
            for (Carrier c : CARRIERS) {
                long runs = c.runs();
                if (c.getQueuedTaskCount() > 0) {
                    queued = true;
                    starving |= runs == c.runsSeen;
                }
                c.runsSeen = runs;
            }
            if (starving && POOL.getActiveThreadCount() < POOL.getParallelism()) {
                POOL.execute(() -> { }); // an external submit wakes an idle carrier; it steals what waits
            }
            idleTicks = queued ? 0 : idleTicks + 1;
            if (idleTicks >= SYSMON_IDLE_TICKS) {
                idleTicks = 0;
                sysmonSleeping = true;
                // Rechecked after the flag, so that a lazy wake-up either sees the flag or is seen here; the
                // bounded park covers what that leaves out (the pool's queue indexes are not all volatile).
                while (sysmonSleeping && CARRIERS.stream().noneMatch(c -> c.getQueuedTaskCount() > 0)) {
                    LockSupport.parkNanos(SYSMON_SLEEP_NANOS);
                }
                sysmonSleeping = false;
            }
        }
    }
}

package dev.gokata.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ThreadPoolExecutor;
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
 * would keep it waiting. {@link Sysmon} looks every millisecond for such work and wakes an idle carrier to steal it.
 *
 * <p>How many carriers. A hand-off between goroutines on two carriers makes the channel's cache lines cross between
 * the cores, and waking the other carrier costs more again. On this project's machine kind that distance changes by
 * the hour, and while it is long a ping-pong takes twice as long on two carriers as on one (docs/benchmarks.md).
 * Go keeps the goroutines a hand-off wakes on the waker's P, and the other P takes only work that waits. The
 * runtime's pool does the same with its size: sysmon shrinks it to one carrier while no two goroutines compute side
 * by side, and grows it back as soon as work waits behind a goroutine that computes ({@link CarrierSizing}, {@link
 * CarrierWatch}). So goroutines that compute in parallel get every core within about a dozen milliseconds, and
 * goroutines that talk share one. {@code -Dgokata.scheduler=fixed} keeps every carrier.
 */
public final class Scheduler {
    /** The runtime's pool, or null on the JDK's pool (the JVM does not open java.lang, or gokata.scheduler=jdk). */
    private static final ForkJoinPool POOL;
    /** The JDK's builder of virtual threads on a given pool, or null on the JDK's pool. */
    private static final MethodHandle BUILDER;
    /** {@code Thread.currentCarrierThread()}: the carrier a virtual thread runs on, or the platform thread itself. */
    private static final MethodHandle CARRIER;
    /** The pool's full size: a carrier per core, or jdk.virtualThreadScheduler.parallelism. */
    private static final int CARRIERS_MAX = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
            Runtime.getRuntime().availableProcessors());
    /** The runtime's sysmon, or null on the JDK's pool. */
    private static final Sysmon SYSMON;
    /**
     * Where the JDK wakes a virtual thread of a pool of the caller's choosing from a timed park (a sleep): its
     * {@code DelayedTaskSchedulers}; null on the JDK's pool, or where the JDK keeps them elsewhere.
     */
    private static final ThreadPoolExecutor[] TIMED_WAKE_UPS;

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
        TIMED_WAKE_UPS = pool == null ? null : timedWakeUps();
        boolean sized = CARRIERS_MAX > 1 && !"fixed".equals(System.getProperty("gokata.scheduler"));
        SYSMON = pool == null ? null : new Sysmon(pool, sized ? new CarrierSizing(CARRIERS_MAX) : null);
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

    /**
     * Whether the pool goroutines run on has work besides the caller: a carrier other than the caller's runs a
     * virtual thread, one is queued, or one will wake from a timed park (a sleep). Then goroutines that all wait are
     * not deadlocked yet: that work may be a virtual thread that a goroutine started with {@code Thread.ofVirtual()},
     * which runs on its creator's pool and is seen only once it uses the runtime. As in Go, whose deadlock check is
     * process-wide, work of another program counts too.
     */
    static boolean hasOtherWork() {
        if (POOL == null) {
            return OutsideThreads.jdkScheduler().map(Scheduler::hasOtherWork).orElse(false);
        }
        Carrier mine = carrier();
        for (Carrier c : Carrier.all()) {
            if ((c != mine && c.running()) || c.getQueuedTaskCount() > 0) {
                return true;
            }
        }
        if (POOL.hasQueuedSubmissions()) {
            return true;
        }
        for (ThreadPoolExecutor wakeUps : TIMED_WAKE_UPS) {
            if (!wakeUps.getQueue().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The same for the JDK's pool {@code jdk}, where a virtual thread's timed wake-up is a delayed task. */
    private static boolean hasOtherWork(ForkJoinPool jdk) {
        int mine = Thread.currentThread().isVirtual() ? 1 : 0; // the caller's own carrier
        return jdk.getActiveThreadCount() > mine || jdk.getQueuedTaskCount() > 0 || jdk.hasQueuedSubmissions()
                || jdk.getDelayedTaskCount() > 0;
    }

    /** The JDK's executors of timed wake-ups for virtual threads on a pool of the caller's choosing, or none. */
    private static ThreadPoolExecutor[] timedWakeUps() {
        try {
            var field = Class.forName("java.lang.VirtualThread$DelayedTaskSchedulers").getDeclaredField("INSTANCE");
            field.setAccessible(true);
            return Arrays.stream((Object[]) field.get(null)).filter(ThreadPoolExecutor.class::isInstance)
                    .map(ThreadPoolExecutor.class::cast).toArray(ThreadPoolExecutor[]::new);
        } catch (ReflectiveOperationException | RuntimeException moved) { // another JDK: a sleeper is not seen
            return new ThreadPoolExecutor[0];
        }
    }

    /** The number of carriers the runtime's pool may grow to; 0 on the JDK's pool. */
    static int parallelism() {
        return POOL == null ? 0 : CARRIERS_MAX;
    }

    /**
     * Whether a goroutine waiting for a hand-off may see its partner run meanwhile, on another carrier: not while the
     * runtime's pool runs one carrier, where the partner runs only once the waiter parks or yields.
     */
    static boolean spinCanPay() {
        return carriers() != 1;
    }

    /** The number of carriers the runtime's pool runs at once now, as sysmon sized it; 0 on the JDK's pool. */
    static int carriers() {
        return POOL == null ? 0 : POOL.getParallelism();
    }

    /** As the JDK's default pool: a carrier per core (or jdk.virtualThreadScheduler.parallelism), FIFO queues. */
    private static ForkJoinPool newPool() {
        return new ForkJoinPool(CARRIERS_MAX, Carrier::new, (t, e) -> { }, true,
                0, Math.max(CARRIERS_MAX, 256), 1, p -> true, 30, TimeUnit.SECONDS);
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
     * caller's carrier without waking another one. Counted for sysmon as the caller's carrier readying a goroutine.
     */
    static void unpark(Thread thread, boolean lazy) {
        Carrier c = carrier();
        if (c != null) {
            c.readied();
        }
        if (c == null || !lazy) {
            LockSupport.unpark(thread);
            return;
        }
        c.lazyNext = true;
        LockSupport.unpark(thread);
        c.lazyNext = false; // if the thread was not parked (or is not ours), nothing was submitted
    }

    /** Starts a goroutine's {@code thread}; from a goroutine, to the pool's shared queue, as the JDK starts one. */
    static void start(Thread thread) {
        if (SYSMON != null) {
            SYSMON.watch();
        }
        Carrier c = carrier();
        if (c == null) {
            thread.start();
            return;
        }
        c.readied();
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
        var task = new Carrier.Task(continuation);
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
                SYSMON.watch();
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
}

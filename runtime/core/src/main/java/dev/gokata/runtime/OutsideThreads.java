package dev.gokata.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The threads outside the runtime that may still wake a program's goroutines: while one of them can, goroutines
 * that all wait are not deadlocked, as Go's {@code checkdead} does not count a process as deadlocked while a thread
 * outside its scheduler may still make a goroutine runnable.
 *
 * <p>What a look finds. A goroutine that starts a thread by other means than {@code go} (a platform thread, an
 * executor's worker) hands it the program's context class loader ({@link ProgramLoader}); such a thread joins the
 * program when it first uses the runtime, but may not have yet: its goroutine often waits first. So a look finds
 * every live platform thread that carries the program's loader. A fork-join pool's workers carry none (the common
 * pool's, a {@code ForkJoinPool}'s own), so a pool with a task running or queued counts too, whoever gave it.
 *
 * <p>What it does not list: a virtual thread that a goroutine started by other means than {@code go}, until it
 * first uses the runtime (the JDK does not list virtual threads), and the virtual-thread carriers, whose work is the
 * goroutines themselves or such virtual threads. Such a thread runs on its creator's pool, and while it runs, waits
 * to run or sleeps, that pool has work besides the goroutines that wait ({@link Scheduler#hasOtherWork}). The
 * runtime's own threads carry no program's loader: the timer thread and sysmon inherit none, and a carrier drops the
 * one it got.
 */
final class OutsideThreads {
    private static final String JDK_CARRIER = "jdk.internal.misc.CarrierThread";
    /** The JDK's virtual-thread scheduler once a look found it ({@link #jdkScheduler}). */
    private static volatile ForkJoinPool jdkScheduler;

    private OutsideThreads() {
    }

    /**
     * The threads outside the runtime that may still wake a goroutine of {@code program}: each live platform thread
     * that carries the program's loader, and a worker of each fork-join pool other than the runtime's that has work.
     * Lists every platform thread: called only once every goroutine of the program waits.
     */
    static List<Thread> find(Program program) {
        var found = new ArrayList<Thread>();
        var busyPools = new HashSet<ForkJoinPool>();
        for (Thread t : platformThreads(64)) {
            if (t instanceof ForkJoinWorkerThread worker) {
                if (busy(worker) && busyPools.add(worker.getPool())) {
                    found.add(worker);
                }
            } else if (startedWithin(t, program)) {
                found.add(t);
            }
        }
        return found;
    }

    /**
     * The live platform threads, fork-join workers aside, that carry {@code program}'s loader: those its goroutines
     * started by other means than {@code go} (an executor's workers, a {@code new Thread}), whether they used the
     * runtime or not.
     */
    static List<Thread> startedBy(Program program) {
        return Arrays.stream(platformThreads(64))
                .filter(t -> !(t instanceof ForkJoinWorkerThread) && startedWithin(t, program)).toList();
    }

    private static boolean startedWithin(Thread t, Program program) {
        return t.isAlive() && t != Thread.currentThread()
                && ProgramLoader.programOf(t.getContextClassLoader()) == program;
    }

    /**
     * The JDK's virtual-thread scheduler, where goroutines run when the runtime has no pool of its own: the pool of a
     * JDK carrier, one pool for the JVM's life, so found once; none while no carrier lives (no virtual thread has
     * run for a while).
     */
    static Optional<ForkJoinPool> jdkScheduler() {
        if (jdkScheduler == null) {
            jdkScheduler = Arrays.stream(platformThreads(64)).filter(OutsideThreads::isJdkCarrier)
                    .map(t -> ((ForkJoinWorkerThread) t).getPool()).findFirst().orElse(null);
        }
        return Optional.ofNullable(jdkScheduler);
    }

    /** Whether {@code worker}'s pool, unless it runs goroutines (the runtime's, the JDK's), has a task. */
    private static boolean busy(ForkJoinWorkerThread worker) {
        if (worker instanceof Carrier || isJdkCarrier(worker)) {
            return false;
        }
        ForkJoinPool pool = worker.getPool();
        return !pool.isTerminated() && !pool.isQuiescent();
    }

    /** Whether {@code t} is a carrier of the JDK's virtual-thread scheduler (its class is not exported). */
    private static boolean isJdkCarrier(Thread t) {
        return t.getClass().getName().equals(JDK_CARRIER);
    }

    /** Every live platform thread (a virtual thread's group lists none), in an array of {@code room} or more. */
    private static Thread[] platformThreads(int room) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        for (ThreadGroup parent; (parent = root.getParent()) != null; ) {
            root = parent;
        }
        Thread[] threads = new Thread[room];
        int n = root.enumerate(threads, true);
        return n < room ? Arrays.copyOf(threads, n) : platformThreads(room * 2);
    }
}

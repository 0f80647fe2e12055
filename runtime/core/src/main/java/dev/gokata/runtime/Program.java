package dev.gokata.runtime;

import dev.gokata.runtime.race.Race;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A run of a Go-style program: a main goroutine (goroutine 1) and every goroutine it starts, watched the way Go's
 * runtime watches a process: a panic anywhere ends the run, and when every goroutine is blocked in the runtime with
 * no timer pending, the run ends with {@code fatal error: all goroutines are asleep - deadlock!}.
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@code counts} packs the number of live goroutines (high 32 bits) and of those counted as blocked (low 32
 *       bits) into one atomic word, so the deadlock test {@code live == blocked} never reads a torn pair.</li>
 *   <li>{@code registry} holds exactly the goroutines started and not yet gone (see {@link Registry}: starts and
 *       exits never contend there); {@link #numGoroutine()} is the live half of {@code counts}, exact at every
 *       moment.</li>
 *   <li>A goroutine is counted blocked only from just before it parks until its wait is ended (by its waker or by
 *       itself); see {@link Goroutine}'s blocking protocol.</li>
 *   <li>{@code timers} counts timers that may still fire into this program; a timer is uncounted only after its
 *       action (a send, or starting an afterFunc goroutine) has been done.</li>
 *   <li>While a thread that is not a goroutine may wake one, deadlocks are not reported, as Go's network poller may
 *       wake a goroutine at any time: a thread that joined the program ({@code foreignMembers}) and is alive, or
 *       one that {@link OutsideThreads} finds (a platform thread a goroutine started that has not used the runtime
 *       yet, a fork-join pool with work).</li>
 * </ul>
 *
 * <p>Who reports a deadlock: {@link #run}'s waiting thread, which looks every {@code RECHECK_NANOS} and reports
 * what two looks in a row find. Go checks at once, as its last running thread goes idle; here the end of a thread
 * outside the runtime calls nothing of it, and a virtual thread that a goroutine started by other means than {@code
 * go} is seen only once it uses the runtime: the second look gives it that time. A real deadlock stays, so it is
 * reported within {@code 2 * RECHECK_NANOS}.
 *
 * <p>Threads that use the runtime outside any program (a plain {@code main} started by the IDE, a JMH thread)
 * belong to {@link #DETACHED}, which never reports deadlocks and ends the JVM with status 2 on a panic, as Go does.
 */
public final class Program {
    private static final long MAX_EXIT_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** The program of threads that are in no {@link #run}: no deadlock detection; a panic ends the JVM. */
    static final Program DETACHED = new Program(false);

    private final boolean detectsDeadlock;
    private final AtomicLong nextId = new AtomicLong(1);
    /** The goroutines started and not yet gone. */
    private final Registry registry = new Registry();
    private final AtomicLong counts = new AtomicLong();
    private final AtomicInteger timers = new AtomicInteger();
    /** Of {@code timers}, the afterFunc timers: the ones that start a goroutine when they fire. */
    private final AtomicInteger funcTimers = new AtomicInteger();
    /**
     * The threads that joined the program without being its goroutines ({@link #adopt}): a set, as a program may
     * start tens of thousands of plain virtual threads that use its channels.
     */
    private final Set<Thread> foreignMembers = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    /** Monitor that {@link #leaks} waits on; notified on each exit only while {@code exitWatchers > 0}. */
    private final Object exits = new Object();
    /** The race detector's clock of the program's end, acquired by {@link #run} when it returns; guarded by itself. */
    private final Object[] raceEnd = new Object[1];
    private final AtomicInteger exitWatchers = new AtomicInteger();
    /**
     * The programs made by threads of this program's run (a test's sandboxes), held weakly: what runs in them runs
     * within this program ({@link #within}), and {@link #settled} and {@link #goroutinesWithin} count it.
     */
    private final Queue<WeakReference<Program>> nested = new ConcurrentLinkedQueue<>();
    /** The first panic that came after the outcome was decided ({@link #panicAfterEnd}). */
    private final AtomicReference<Outcome.Panicked> panicAfterEnd = new AtomicReference<>();
    /**
     * The context class loader of the program's goroutines, by which threads they start find the program; null for
     * {@link #DETACHED} (the one program that detects no deadlock), whose threads are in no run.
     */
    private final ProgramLoader loader;

    /** A new program, ready to {@link #run}. */
    public Program() {
        this(true);
    }

    private Program(boolean detectsDeadlock) {
        this.detectsDeadlock = detectsDeadlock;
        this.loader = detectsDeadlock ? new ProgramLoader(this, Thread.currentThread().getContextClassLoader()) : null;
        if (loader != null) {
            Program creator = ProgramLoader.programOf(loader.getParent());
            if (creator != DETACHED) {
                creator.nested.add(new WeakReference<>(this));
            }
        }
    }

    /** The program of the calling thread ({@link #DETACHED} outside any run). */
    public static Program current() {
        return Goroutine.current().program();
    }

    /**
     * The program {@code thread} belongs to, found without making it one of the program's goroutines: a goroutine's
     * program, or the program whose goroutine started the thread by other means (its context class loader says so);
     * empty for a thread of no program's run. Tells whose output a line is, say.
     */
    public static Optional<Program> of(Thread thread) {
        Program p = Goroutine.startedBy(thread).map(Goroutine::program)
                .orElseGet(() -> ProgramLoader.programOf(thread.getContextClassLoader()));
        return p == DETACHED ? Optional.empty() : Optional.of(p);
    }

    /**
     * Whether this program is {@code outer}, or was made by a thread of {@code outer}'s run, directly or not (a test
     * that runs a kata's program in a sandbox of its own, say): its loader delegates to the creator's.
     */
    public boolean within(Program outer) {
        for (Program p = this; p != outer; p = ProgramLoader.programOf(p.loader.getParent())) {
            if (p.loader == null) { // DETACHED, made by no run
                return false;
            }
        }
        return true;
    }

    /** Runs {@code main} as goroutine 1 and returns how the program ended; never times out. */
    public Outcome run(Runnable main) {
        return run(main, null);
    }

    /**
     * Runs {@code main} as goroutine 1 of this program and waits until it returns, a goroutine panics, the program
     * deadlocks, or {@code limit} passes (null: no limit). Goroutines still running afterwards are left alone:
     * ask {@link #leaks(Duration)} about them.
     */
    public Outcome run(Runnable main, Duration limit) {
        var g1 = new Goroutine(this, nextId.getAndIncrement(), 0, null, false);
        Object clock = Race.ENABLED ? Race.release(null) : null;
        Thread t = g1.newThread(Scheduler.newBuilder().factory(), loader, main, clock, true);
        started(g1);
        t.start();
        try {
            Outcome o = awaitOutcome(limit);
            if (Race.ENABLED) {
                synchronized (raceEnd) {
                    Race.acquire(raceEnd[0]);
                }
            }
            return o;
        } catch (TimeoutException e) {
            String report = "panic: test timed out after " + Traceback.duration(limit) + "\n\n" + dump()
                    + outsidersNote();
            finish(new Outcome.TimedOut(limit, report));
            return outcome.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the program to end", e);
        } catch (ExecutionException e) {
            throw new AssertionError("a program's outcome never completes exceptionally", e);
        }
    }

    /**
     * The program's outcome, once it has one, or a {@link TimeoutException} after {@code limit} (null: none); it
     * ends the program as deadlocked when two looks in a row, {@code RECHECK_NANOS} apart, find it so.
     */
    private Outcome awaitOutcome(Duration limit)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = limit == null ? 0 : System.nanoTime() + limit.toNanos();
        boolean lookedDeadlocked = false;
        while (true) {
            long left = limit == null ? RECHECK_NANOS : deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            try {
                return outcome.get(Math.min(left, RECHECK_NANOS), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                boolean deadlocked = looksDeadlocked();
                if (deadlocked && lookedDeadlocked) {
                    finish(new Outcome.Deadlocked("fatal error: all goroutines are asleep - deadlock!\n\n" + dump()));
                }
                lookedDeadlocked = deadlocked;
            }
        }
    }

    /**
     * Waits up to {@code grace} for every goroutine but the main one to finish, and returns those still alive:
     * the goroutines this program leaked, in id order.
     */
    public List<Goroutine> leaks(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        exitWatchers.incrementAndGet();
        try {
            synchronized (exits) {
                while (!othersThanMain().isEmpty()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        // Bounded slices: a safety net should an exit's notification ever be missed.
                        TimeUnit.NANOSECONDS.timedWait(exits, Math.min(left, MAX_EXIT_WAIT_NANOS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        } finally {
            exitWatchers.decrementAndGet();
        }
        return othersThanMain();
    }

    /**
     * The report of a leak check in uber-go/goleak's words, for a test failure message:
     * {@code found unexpected goroutines:}, then each goroutine with its state, top frame, stack and creation site.
     * Pass what {@link #leaks(Duration)} returned.
     */
    public static String leakReport(List<Goroutine> leaked) {
        return Traceback.leaks(leaked);
    }

    /** The goroutines alive now, in id order. */
    public List<Goroutine> goroutines() {
        var list = registry.list();
        list.sort(Comparator.comparingLong(Goroutine::id));
        return list;
    }

    /** Every live goroutine in Go's dump format, separated by blank lines. */
    public String dump() {
        var sb = new StringBuilder();
        for (Goroutine g : goroutines()) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(g.traceback());
        }
        return sb.toString();
    }

    /** How many goroutines are alive, as Go's {@code runtime.NumGoroutine()}. */
    public int numGoroutine() {
        return (int) (counts.get() >>> 32);
    }

    /**
     * Whether nothing of this program can run again by itself: every goroutine left waits in the runtime for
     * another of them and no timer is pending, or no goroutine is left and no afterFunc timer is pending (a timer
     * that sends on its channel then wakes nobody); and no thread outside the runtime may wake one, and so for the
     * programs made within its run. A program that ended, or whose leaked goroutines wait for ever, is settled; one
     * with a goroutine that sleeps, computes or waits for the JDK, or with a timer still to wake it, is not. The
     * counts are read as {@code looksDeadlocked} reads them, the timers' before the goroutines' (a timer that fires
     * starts its goroutine before it counts itself done).
     */
    public boolean settled() {
        int funcTimersBefore = funcTimers.get();
        long c = counts.get();
        boolean quiet = c >>> 32 == 0 ? funcTimersBefore == 0 && funcTimers.get() == 0 && counts.get() >>> 32 == 0
                : everyGoroutineBlocked(c) && timers.get() == 0 && everyGoroutineBlocked(counts.get());
        return quiet && !foreignMemberAlive() && OutsideThreads.find(this).isEmpty()
                && nestedPrograms().stream().allMatch(Program::settled);
    }

    /**
     * The goroutines alive now, this program's and those of the programs made within its run (a test's sandboxes),
     * directly or not: all that still runs on the test's behalf.
     */
    public List<Goroutine> goroutinesWithin() {
        var list = goroutines();
        nestedPrograms().forEach(p -> list.addAll(p.goroutinesWithin()));
        return list;
    }

    /**
     * Waits up to {@code grace} for the threads that are not goroutines, started within this program's run or its
     * sandboxes' by other means than {@code go} (an executor's workers, a {@code new Thread}), to end, and returns
     * those still alive. Go has only goroutines, so a leak check counts these too: an executor never shut down leaks
     * its threads.
     */
    public List<Thread> threadsLeft(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        var left = new ArrayList<Thread>();
        for (Thread t : threadsStartedWithin()) {
            long wait = deadline - System.nanoTime();
            try {
                if (wait > 0 ? !t.join(Duration.ofNanos(wait)) : t.isAlive()) {
                    left.add(t);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                left.add(t);
            }
        }
        return left;
    }

    /** {@code thread}, not a goroutine, as a dump shows it: {@code thread "pool-1-thread-1" [waiting]:}, its frames. */
    public static String traceback(Thread thread) {
        return Traceback.of(thread);
    }

    private List<Thread> threadsStartedWithin() {
        var list = new ArrayList<>(OutsideThreads.startedBy(this));
        nestedPrograms().forEach(p -> list.addAll(p.threadsStartedWithin()));
        return list;
    }

    /** The programs made within this one's run that are still reachable; forgets the others. */
    private List<Program> nestedPrograms() {
        nested.removeIf(ref -> ref.get() == null);
        return nested.stream().map(WeakReference::get).filter(Objects::nonNull).toList();
    }

    private List<Goroutine> othersThanMain() {
        var list = goroutines();
        list.removeIf(g -> g.id() == 1 && g.finished());
        return list;
    }

    // ---- bookkeeping, called by Goroutine, Go and the primitives ----

    /** The main goroutine returned or a goroutine panicked: what it did happens before {@link #run} returns. */
    void raceEnded() {
        synchronized (raceEnd) {
            raceEnd[0] = Race.release(raceEnd[0]);
        }
    }

    /**
     * Wakes {@link #leaks} waiters after a goroutine left the registry. Skipping the monitor when nobody watches is
     * safe: a watcher increments {@code exitWatchers} before it reads the registry, and an exit marks its
     * slot gone (a volatile store) before it reads {@code exitWatchers}, so at least one of the two sees
     * the other.
     */
    private void notifyExitWatchers() {
        if (exitWatchers.get() > 0) {
            synchronized (exits) {
                exits.notifyAll();
            }
        }
    }

    /**
     * The context class loader of a goroutine that no goroutine of this program starts (an afterFunc's): the
     * program's own, or for {@link #DETACHED}, which has none, the system class loader.
     */
    ClassLoader contextClassLoader() {
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }

    long nextId() {
        return nextId.getAndIncrement();
    }

    /** The live goroutine that runs on {@code thread}, or null: a look through the whole registry. */
    Goroutine goroutineOn(Thread thread) {
        for (Goroutine g : registry.list()) {
            if (g.thread() == thread) {
                return g;
            }
        }
        return null;
    }

    Goroutine adopt(Thread thread) {
        if (this != DETACHED) {
            foreignMembers.add(thread);
        }
        var g = new Goroutine(this, nextId(), 0, null, true);
        g.bind(thread);
        return g;
    }

    /**
     * Whether a goroutine started by {@code go} waits to begin (a racy hint): new goroutines go to the back of the
     * virtual-thread scheduler's shared submission queue, so a goroutine that yields now would wait behind them all.
     */
    boolean newGoroutinesQueued() {
        return registry.newestNotBegun();
    }

    /** Registers a goroutine about to start: in the registry, counted live. */
    void started(Goroutine g) {
        registry.add(g);
        counts.addAndGet(1L << 32);
    }

    /** Takes a goroutine out of the program's registry. */
    private static void left(Goroutine g) {
        Registry.remove(g);
    }

    void exited(Goroutine g) {
        left(g);
        counts.addAndGet(-(1L << 32));
        notifyExitWatchers();
    }

    void mainReturned(Goroutine g) {
        left(g);
        counts.addAndGet(-(1L << 32));
        notifyExitWatchers();
        finish(new Outcome.Exited());
    }

    /**
     * A goroutine panicked: records the panic as the program's outcome. The goroutine calls it before it is marked
     * finished and before it leaves the registry ({@link #exited}), so neither a main goroutine returning at the same
     * moment nor one that waited for the panicking goroutine to finish (and then returned) can turn the panic into a
     * normal exit.
     */
    void panicked(Goroutine g, Throwable t) {
        var report = Traceback.panic(g, t);
        if (this == DETACHED) {
            System.err.print(report);
            System.err.flush();
            Runtime.getRuntime().exit(2);
        }
        finish(new Outcome.Panicked(t, g.id(), report));
    }

    void blocked(Goroutine g) {
        counts.incrementAndGet();
    }

    void unblocked() {
        counts.decrementAndGet();
    }

    /** A timer that may fire into this program was set: one that sends on its channel or wakes a select. */
    void timerStarted() {
        timerStarted(false);
    }

    /** A timer that may fire into this program was set; {@code startsGoroutine}: an afterFunc timer. */
    void timerStarted(boolean startsGoroutine) {
        timers.incrementAndGet();
        if (startsGoroutine) {
            funcTimers.incrementAndGet();
        }
    }

    /** A timer fired (after its action was done) or was stopped. */
    void timerDone() {
        timerDone(false);
    }

    /** A timer fired (after its action was done) or was stopped; {@code startsGoroutine}: an afterFunc timer. */
    void timerDone(boolean startsGoroutine) {
        if (startsGoroutine) {
            funcTimers.decrementAndGet();
        }
        timers.decrementAndGet();
    }

    /**
     * Whether the program looks deadlocked now: every goroutine blocked, no timer pending, and no thread outside the
     * runtime that may wake one. The counts are read first only to skip the rest, and again last: a timer that
     * fires starts its goroutine or wakes its receiver before it counts itself done ({@link #timerDone}), and a
     * thread outside the runtime uncounts the goroutine it wakes before it may end, so a timer that fired, or such a
     * thread that woke a goroutine and ended, before the looks that found none is seen in that last read.
     */
    private boolean looksDeadlocked() {
        return detectsDeadlock && allBlocked(counts.get()) && timers.get() == 0 && !foreignMemberAlive()
                && OutsideThreads.find(this).isEmpty() && !Scheduler.hasOtherWork() && allBlocked(counts.get());
    }

    /**
     * For a run that timed out while every goroutine waited and no timer was pending: the threads that kept the run
     * from being reported deadlocked, as {@link Traceback#outsiders} renders them; else nothing.
     */
    private String outsidersNote() {
        if (!detectsDeadlock || !allBlocked(counts.get()) || timers.get() != 0) {
            return "";
        }
        var threads = new ArrayList<Thread>();
        if (foreignMemberAlive()) {
            threads.addAll(foreignMembers);
        }
        threads.addAll(OutsideThreads.find(this));
        boolean virtualThreads = Scheduler.hasOtherWork();
        return threads.isEmpty() && !virtualThreads ? "" : "\n" + Traceback.outsiders(threads, virtualThreads);
    }

    /** Whether a thread that joined the program without being its goroutine still runs; forgets those that ended. */
    private boolean foreignMemberAlive() {
        foreignMembers.removeIf(t -> !t.isAlive());
        return !foreignMembers.isEmpty();
    }

    private static boolean allBlocked(long c) {
        return c >>> 32 > 0 && everyGoroutineBlocked(c);
    }

    /** Whether as many goroutines are blocked as live in the packed {@code counts} word {@code c} (none, too). */
    private static boolean everyGoroutineBlocked(long c) {
        return c >>> 32 == (c & 0xffff_ffffL);
    }

    private void finish(Outcome o) {
        if (!outcome.complete(o) && o instanceof Outcome.Panicked p) {
            panicAfterEnd.compareAndSet(null, p);
        }
    }

    /**
     * The first panic of a goroutine after the program's outcome was decided (its main returned, say): a test's
     * leftover goroutine that panics. Go's process would have crashed on it, failing the test binary; here the run's
     * outcome stays as it was, so a leak check asks for it.
     */
    public Optional<Outcome.Panicked> panicAfterEnd() {
        return Optional.ofNullable(panicAfterEnd.get());
    }

    /** The outcome, once the program has ended. */
    public Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome.getNow(null));
    }
}

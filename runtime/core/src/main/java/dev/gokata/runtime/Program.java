package dev.gokata.runtime;

import dev.gokata.runtime.race.Race;
import java.time.Duration;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A run of a Go-style program: a main goroutine (goroutine 1) and every goroutine it starts, watched the way Go's
 * runtime watches a process: a panic anywhere ends the run, and when every goroutine is blocked in the runtime with
 * no timer pending, the run ends with {@code fatal error: all goroutines are asleep - deadlock!}.
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@code counts} packs the number of live goroutines (high 32 bits) and of those counted as blocked (low 32
 *       bits) into one atomic word, so the deadlock test {@code live == blocked} never reads a torn pair.</li>
 *   <li>The registry of goroutines (for dumps and leak checks) is an intrusive singly linked list, newest first:
 *       a start pushes its goroutine with one CAS on {@code registry}; an exit only clears the goroutine's own
 *       volatile {@code live} flag, so starts and exits never contend on a shared table (a
 *       {@code ConcurrentHashMap} key set cost about 0.2 µs per goroutine here). {@link #prune} unlinks the
 *       departed lazily. {@link #numGoroutine()} is the live half of {@code counts}, exact at every moment.</li>
 *   <li>A goroutine is counted blocked only between its {@code beginWait} and the {@code endWait} of its waker.</li>
 *   <li>{@code timers} counts timers that may still fire into this program; a timer is uncounted only after its
 *       action (a send, or starting an afterFunc goroutine) has been done.</li>
 *   <li>Once a thread that is not a goroutine joins the program ({@code foreignMembers}), deadlocks are no longer
 *       reported: such a thread may wake a goroutine at any time, as Go's network poller may.</li>
 * </ul>
 *
 * <p>Threads that use the runtime outside any program (a plain {@code main} started by the IDE, a JMH thread)
 * belong to {@link #DETACHED}, which never reports deadlocks and ends the JVM with status 2 on a panic, as Go does.
 */
public final class Program {
    private static final long MAX_EXIT_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** The program of threads that are in no {@link #run}: no deadlock detection; a panic ends the JVM. */
    static final Program DETACHED = new Program(false);

    /** At least this many starts between two prunings of the registry, so pruning costs O(1) per start. */
    private static final int MIN_PRUNE_INTERVAL = 1024;
    private static final VarHandle REGISTRY;
    private static final VarHandle PRUNING;

    static {
        try {
            var lookup = MethodHandles.lookup();
            REGISTRY = lookup.findVarHandle(Program.class, "registry", Goroutine.class);
            PRUNING = lookup.findVarHandle(Program.class, "pruning", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final boolean detectsDeadlock;
    private final AtomicLong nextId = new AtomicLong(1);
    /** Head of the registry: every started goroutine, newest first, linked through {@code Goroutine.next}. */
    @SuppressWarnings("unused") // accessed through REGISTRY
    private volatile Goroutine registry;
    /** True while one thread prunes the registry; set by CAS through PRUNING. */
    @SuppressWarnings("unused") // accessed through PRUNING
    private volatile boolean pruning;
    /** The goroutine id from which the next start prunes the registry; written only by the pruning thread. */
    private volatile long pruneAt = MIN_PRUNE_INTERVAL;
    private final AtomicLong counts = new AtomicLong();
    private final AtomicInteger timers = new AtomicInteger();
    private volatile boolean foreignMembers;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    /** Monitor that {@link #leaks} waits on; notified on each exit only while {@code exitWatchers > 0}. */
    private final Object exits = new Object();
    /** The race detector's clock of the program's end, acquired by {@link #run} when it returns; guarded by itself. */
    private final Object[] raceEnd = new Object[1];
    private final AtomicInteger exitWatchers = new AtomicInteger();

    /** A new program, ready to {@link #run}. */
    public Program() {
        this(true);
    }

    private Program(boolean detectsDeadlock) {
        this.detectsDeadlock = detectsDeadlock;
    }

    /** The program of the calling thread ({@link #DETACHED} outside any run). */
    public static Program current() {
        return Goroutine.current().program();
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
        started(g1);
        Object clock = Race.ENABLED ? Race.release(null) : null;
        Thread t = Thread.ofVirtual().unstarted(() -> g1.run(main, clock, true));
        g1.bind(t);
        t.start();
        try {
            Outcome o = limit == null ? outcome.get() : outcome.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            if (Race.ENABLED) {
                synchronized (raceEnd) {
                    Race.acquire(raceEnd[0]);
                }
            }
            return o;
        } catch (TimeoutException e) {
            String report = "panic: test timed out after " + Traceback.duration(limit) + "\n\n" + dump();
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
        var list = new ArrayList<Goroutine>();
        for (Goroutine g = (Goroutine) REGISTRY.getVolatile(this); g != null; g = g.next()) {
            if (g.live()) {
                list.add(g);
            }
        }
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
     * safe: a watcher increments {@code exitWatchers} before it reads the registry, and an exit clears its
     * goroutine's volatile {@code live} flag before it reads {@code exitWatchers}, so at least one of the two sees
     * the other.
     */
    private void notifyExitWatchers() {
        if (exitWatchers.get() > 0) {
            synchronized (exits) {
                exits.notifyAll();
            }
        }
    }

    long nextId() {
        return nextId.getAndIncrement();
    }

    Goroutine adopt(Thread thread) {
        if (this != DETACHED) {
            foreignMembers = true;
        }
        var g = new Goroutine(this, nextId(), 0, null, true);
        g.bind(thread);
        return g;
    }

    /** Registers a goroutine about to start: pushed on the registry, counted live. */
    void started(Goroutine g) {
        g.markLive();
        Goroutine head;
        do {
            head = (Goroutine) REGISTRY.getVolatile(this);
            g.linkTo(head);
        } while (!REGISTRY.compareAndSet(this, head, g));
        counts.addAndGet(1L << 32);
        if (g.id() >= pruneAt) {
            prune(g.id());
        }
    }

    /**
     * Unlinks the goroutines that left the program from the registry, behind its head. One pruner at a time; adders
     * only ever change the head, so the pruner alone writes the links behind it. A link is only ever changed to skip
     * nodes that already left (which never come back), and a removed node keeps its own link, so a concurrent
     * reader, wherever it stands, still reaches every goroutine that is live. The next pruning comes after as many
     * starts as goroutines survived this one (at least {@code MIN_PRUNE_INTERVAL}): amortised O(1) per start, and
     * the registry never holds more than about twice the live goroutines plus the interval.
     */
    private void prune(long id) {
        if (!PRUNING.compareAndSet(this, false, true)) {
            return;
        }
        try {
            var pred = (Goroutine) REGISTRY.getVolatile(this);
            long survivors = 1;
            for (Goroutine g = pred.next(); g != null; g = g.next()) {
                if (g.live()) {
                    if (pred.next() != g) {
                        pred.linkTo(g);
                    }
                    pred = g;
                    survivors++;
                }
            }
            if (pred.next() != null) {
                pred.linkTo(null);
            }
            pruneAt = id + Math.max(survivors, MIN_PRUNE_INTERVAL);
        } finally {
            PRUNING.setVolatile(this, false);
        }
    }

    /** Takes a goroutine out of the program: it leaves the registry (lazily unlinked by {@link #prune}). */
    private static void left(Goroutine g) {
        g.markGone();
    }

    void exited(Goroutine g) {
        left(g);
        long c = counts.addAndGet(-(1L << 32));
        notifyExitWatchers();
        checkDeadlock(c);
    }

    void mainReturned(Goroutine g) {
        left(g);
        counts.addAndGet(-(1L << 32));
        notifyExitWatchers();
        finish(new Outcome.Exited());
    }

    /**
     * A goroutine panicked. The outcome is recorded before the goroutine leaves the registry, so a main goroutine
     * returning at the same moment cannot turn the panic into a normal exit.
     */
    void panicked(Goroutine g, Throwable t) {
        var report = Traceback.panic(g, t);
        if (this == DETACHED) {
            System.err.print(report);
            System.err.flush();
            Runtime.getRuntime().exit(2);
        }
        finish(new Outcome.Panicked(t, g.id(), report));
        left(g);
        counts.addAndGet(-(1L << 32));
        notifyExitWatchers();
    }

    void blocked(Goroutine g) {
        checkDeadlock(counts.incrementAndGet());
    }

    void unblocked() {
        counts.decrementAndGet();
    }

    /** A timer that may fire into this program was set. */
    void timerStarted() {
        timers.incrementAndGet();
    }

    /** A timer fired (after its action was done) or was stopped. */
    void timerDone() {
        if (timers.decrementAndGet() == 0) {
            checkDeadlock(counts.get());
        }
    }

    private void checkDeadlock(long c) {
        long liveCount = c >>> 32;
        long blockedCount = c & 0xffff_ffffL;
        if (detectsDeadlock && liveCount > 0 && liveCount == blockedCount && timers.get() == 0 && !foreignMembers
                && !outcome.isDone()) {
            finish(new Outcome.Deadlocked("fatal error: all goroutines are asleep - deadlock!\n\n" + dump()));
        }
    }

    private void finish(Outcome o) {
        outcome.complete(o);
    }

    /** The outcome, once the program has ended. */
    public java.util.Optional<Outcome> outcome() {
        return java.util.Optional.ofNullable(outcome.getNow(null));
    }
}

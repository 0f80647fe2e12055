package dev.gokata.runtime;

import dev.gokata.runtime.race.Race;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * One goroutine: a virtual thread started by {@link Go#go(Runnable)}, with Go's id, creation site and wait reason,
 * so that deadlock reports, goroutine dumps and leak checks can speak of it as Go does.
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@code id} is unique within its {@link Program}; the program's main goroutine is 1.</li>
 *   <li>{@code waitReason} is null exactly while the goroutine is runnable or running.</li>
 *   <li>{@code waitState} is {@code COUNTED} exactly while this goroutine is counted in its program's blocked
 *       count.</li>
 * </ul>
 *
 * <h2>The blocking protocol (for the runtime's primitives)</h2>
 * A primitive that parks the calling goroutine calls {@link #beginWait(WaitReason)} <em>while holding the
 * primitive's own lock, before its waiter becomes visible to any waker</em>, and parks only through {@link #park}
 * (a waiter may first spin for a moment: a hand-off that completes during the spin never touches the program's
 * shared counts). The wait ends with {@link #endWait()}, which is idempotent and is called either by the waker
 * <em>before</em> it releases the waiter (the sync primitives' {@link SyncWaiter}), or, for channels and select
 * ({@link Waiter}), by the waker after releasing a waiter that may have parked, and always by the waiter itself
 * once it runs again. A goroutine that stops waiting by itself (a timeout) ends its own wait.
 *
 * <p>{@code waitState} holds the number of the current wait and its state, which goes {@code RUNNING → WAITING}
 * ({@code beginWait}, which also numbers the wait), {@code WAITING → COUNTED} ({@code park}, by CAS: only if
 * the wait has not been ended yet) and back to {@code RUNNING} ({@code endWait}, by CAS, uncounting if it was
 * counted). A waker that ends the wait after releasing the waiter names the wait's number, so that it can never end
 * the waiter's next wait. So a goroutine is counted blocked only while it is about to park or
 * parked, and whenever it is counted, whoever releases it is still running until it has uncounted it (a goroutine of
 * the program, the timer thread with its timer still counted as pending, or a foreign thread, which turns detection
 * off). Hence the program never looks deadlocked while a wake-up is on its way, and a real deadlock stays for
 * the run's waiting thread to find ({@link Program}).
 */
public final class Goroutine {
    /**
     * The goroutine of a thread the runtime adopted, or of a goroutine's thread whose handler is no longer its {@link
     * Start}. A goroutine's own thread finds its goroutine through its Start instead: one field away, where a
     * thread-local would give every goroutine a map of its own (136 B of the 587 that a goroutine which only starts
     * and ends allocated; docs/benchmarks.md). A thread that a goroutine starts by other means finds the program to
     * join through its context class loader ({@link ProgramLoader}).
     */
    private static final ThreadLocal<Goroutine> ADOPTED = new ThreadLocal<>();

    private static final VarHandle WAIT_STATE;
    private static final VarHandle FINISHED;
    /** {@code waitState}: the number of the goroutine's current or last wait, then one of the states below. */
    private static final int STATE_BITS = 2;
    private static final int STATE_MASK = (1 << STATE_BITS) - 1;
    private static final int RUNNING = 0;
    private static final int WAITING = 1;
    private static final int COUNTED = 2;
    private static final int GOSCHED_NAP_EVERY = 64;
    private static final long GOSCHED_NAP_NANOS = 1_000;

    static {
        try {
            WAIT_STATE = MethodHandles.lookup().findVarHandle(Goroutine.class, "waitState", int.class);
            FINISHED = MethodHandles.lookup().findVarHandle(Goroutine.class, "finished", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Program program;
    private final long id;
    private final long parentId;
    private final CreationSite createdAt;
    private final boolean adopted;
    /** Written once, before the goroutine is registered or its thread starts. */
    private Thread thread;
    private volatile WaitReason waitReason;
    @SuppressWarnings("unused") // accessed through WAIT_STATE
    private volatile int waitState;
    /** Through FINISHED: set with a release store (free on x86), as the goroutine leaves; read with an acquire. */
    @SuppressWarnings("unused")
    private boolean finished;
    /** Set by the goroutine's own thread as it begins; read by others only as a hint (Registry#newestNotBegun). */
    private boolean begun;
    /** Where the goroutine is in its program's {@link Registry}; written once, before its thread starts. */
    private Registry.Block registryBlock;
    private int registrySlot;
    // the spin policy of Waiter; touched only by this goroutine's own thread
    private int spinLimit;
    private int waitsUntilProbe = Spinning.FIRST_PROBE;
    private int probeGap = Spinning.FIRST_PROBE;
    /** Calls of {@link #gosched}, for its every-so-often nap; touched only by this goroutine's own thread. */
    private int goscheds;

    Goroutine(Program program, long id, long parentId, CreationSite createdAt, boolean adopted) {
        this.program = program;
        this.id = id;
        this.parentId = parentId;
        this.createdAt = createdAt;
        this.adopted = adopted;
    }

    /** The goroutine running the calling thread; a thread not started by {@link Go#go} is adopted on first use. */
    public static Goroutine current() {
        Thread t = Thread.currentThread();
        return t.getUncaughtExceptionHandler() instanceof Start s ? s.goroutine() : adopted(t);
    }

    /** The goroutine whose thread {@code t} is, if {@code go} (or a run) started it and it kept its handler. */
    static Optional<Goroutine> startedBy(Thread t) {
        return t.getUncaughtExceptionHandler() instanceof Start s ? Optional.of(s.goroutine()) : Optional.empty();
    }

    /**
     * The goroutine of {@code t}, a thread whose handler is no {@link Start}: a goroutine's own virtual thread whose
     * handler the goroutine replaced, found once in its program's registry; else a thread not started by {@code go},
     * adopted into its creator's program, if any.
     */
    private static Goroutine adopted(Thread t) {
        Goroutine g = ADOPTED.get();
        if (g == null) {
            Program program = ProgramLoader.programOf(t.getContextClassLoader());
            g = t.isVirtual() ? program.goroutineOn(t) : null;
            if (g == null) {
                g = program.adopt(t);
            }
            ADOPTED.set(g);
        }
        return g;
    }

    /** Go's goroutine id: 1 is the program's main goroutine. */
    public long id() {
        return id;
    }

    /** The id of the goroutine whose {@code go} statement started this one; 0 for a main or adopted goroutine. */
    public long parentId() {
        return parentId;
    }

    /** The program this goroutine belongs to. */
    public Program program() {
        return program;
    }

    /**
     * The user's frames of the {@code go} statement that started this goroutine, innermost first: the go statement's
     * own frame, then up to three of its callers; empty for main and adopted goroutines. Captured cheaply at
     * {@code go}, resolved on the first call. The callers are left out (a single frame) for a go statement whose
     * lambda was proven to come from that statement alone, unless the race detector is on.
     */
    public List<StackTraceElement> createdAt() {
        return createdAt == null ? List.of() : createdAt.frames();
    }

    /** Why the goroutine is waiting, or empty while it is runnable or running. */
    public Optional<WaitReason> waitReason() {
        return Optional.ofNullable(waitReason);
    }

    /**
     * The number of this goroutine's current or last wait: each wait it begins (a channel operation or a select that
     * cannot complete at once, a sleep, a lock, a WaitGroup) takes the next one, wrapping after 2^29. Two looks at a
     * parked goroutine that read the same number saw it in one wait; another number means it woke and waited again
     * in between: how a test tells a goroutine that polls (a select with a short timer, in a loop) from one that
     * waits.
     */
    public int waitNumber() {
        return (int) WAIT_STATE.getVolatile(this) >>> STATE_BITS;
    }

    /** True once the goroutine's function has returned or panicked. */
    public boolean finished() {
        return (boolean) FINISHED.getAcquire(this);
    }

    /** True for a thread that was not started by {@code go} but used the runtime (e.g. a platform main thread). */
    public boolean adopted() {
        return adopted;
    }

    /** The thread this goroutine runs on. */
    public Thread thread() {
        return thread;
    }

    /** This goroutine's entry in a dump, in Go's format: {@code goroutine 7 [chan send]:}, frames, creator. */
    public String traceback() {
        return Traceback.of(this);
    }

    @Override
    public String toString() {
        return "goroutine " + id + (waitReason != null ? " [" + waitReason.text() + "]" : "");
    }

    // ---- the blocking protocol; see the class comment ----

    /**
     * Marks the calling goroutine as waiting for {@code reason}, and returns the number of this wait (for
     * {@link #endWait(int)}). Call under the primitive's lock.
     */
    int beginWait(WaitReason reason) {
        waitReason = reason;
        // only this goroutine begins waits; the number wraps within the bits above the state
        int number = (((int) WAIT_STATE.getOpaque(this) >>> STATE_BITS) + 1) & (Integer.MAX_VALUE >>> STATE_BITS);
        WAIT_STATE.setVolatile(this, number << STATE_BITS | (reason.canDeadlock() ? WAITING : RUNNING));
        return number;
    }

    /**
     * Parks the calling goroutine, in a wait begun with {@link #beginWait}: counts it blocked unless the wait has
     * already been ended (which may report a deadlock), tells its carrier that a park of the runtime's follows
     * ({@link Scheduler#parking()}), and parks on {@code blocker}. May return spuriously: the caller loops on its own
     * flag, and the later parks of the same wait count nothing again.
     */
    void park(Object blocker) {
        parking();
        Scheduler.parking();
        LockSupport.park(blocker);
    }

    /**
     * {@link Go#gosched}: a yield, and every {@value #GOSCHED_NAP_EVERY}-th call a nap of {@value #GOSCHED_NAP_NANOS}
     * ns instead. Why the nap: Go's {@code Gosched} puts the goroutine on the global run queue, which every P
     * checks now and then, so a loop of {@code Gosched} calls waiting for another goroutine always lets it run. A
     * virtual thread's yield gives no such promise: with enough goroutines yielding in turn, the carriers stay busy
     * with them, and a goroutine queued where no carrier looks never runs (eight {@code for !done { Gosched() }}
     * loops starved the goroutine that would set {@code done}, within 30 rounds in every run, on the runtime's pool
     * and on the JDK's). A napping goroutine leaves the run queues, and the carriers reach the rest. Not a
     * wait: the deadlock detector sees the goroutine running.
     */
    void gosched() {
        if (++goscheds % GOSCHED_NAP_EVERY == 0) {
            LockSupport.parkNanos(GOSCHED_NAP_NANOS);
        } else {
            Thread.yield();
        }
    }

    /** As {@link #park(Object)}, for at most {@code nanos} nanoseconds. */
    void parkNanos(Object blocker, long nanos) {
        parking();
        Scheduler.parking();
        LockSupport.parkNanos(blocker, nanos);
    }

    /** Counts the calling goroutine as blocked, unless its wait has already been ended; may report a deadlock. */
    private void parking() {
        int s = (int) WAIT_STATE.getVolatile(this);
        if ((s & STATE_MASK) == WAITING && WAIT_STATE.compareAndSet(this, s, s - WAITING + COUNTED)) {
            program.blocked(this);
        }
    }

    /**
     * Ends the current wait: marks this goroutine runnable again, uncounting it if it was counted blocked, and
     * clears its wait reason. Called by the goroutine itself, or by a waker that cannot be late (one that ends the
     * wait before it releases the waiter, as {@link SyncWaiter} does). Idempotent.
     */
    void endWait() {
        endWait(-1);
        waitReason = null;
    }

    /**
     * Ends wait number {@code waitNumber} (as {@link #beginWait} returned it) if it is still the current one; does
     * nothing if the goroutine has ended it itself and maybe begun another. For a waker that releases the waiter
     * first and ends the wait after ({@link Waiter}): by then the waiter may be in its next wait, which is not
     * the waker's to end. The wait reason is left to the goroutine to clear. {@code waitNumber} -1: the current one.
     */
    void endWait(int waitNumber) {
        while (true) {
            int s = (int) WAIT_STATE.getVolatile(this);
            int state = s & STATE_MASK;
            if (state == RUNNING || (waitNumber >= 0 && s >>> STATE_BITS != waitNumber)) {
                return;
            }
            if (WAIT_STATE.compareAndSet(this, s, s - state + RUNNING)) {
                if (state == COUNTED) {
                    program.unblocked();
                }
                return;
            }
        }
    }

    // ---- how long to spin before parking; see Spinning ----

    /** How many spin-waits the calling goroutine should try before parking; 0: park at once. */
    int spinsBeforePark() {
        if (spinLimit > 0) {
            return spinLimit;
        }
        if (--waitsUntilProbe > 0) {
            return 0;
        }
        return Spinning.MAX_SPINS;
    }

    /** Records whether the last spin ended with the goroutine woken (it paid) or not. */
    void spinPaid(boolean paid) {
        if (paid) {
            spinLimit = Spinning.MAX_SPINS;
            probeGap = 1;
        } else {
            spinLimit = 0;
            probeGap = Math.min(2 * probeGap, Spinning.MAX_PROBE_GAP);
            waitsUntilProbe = probeGap;
        }
    }

    // ---- life cycle, driven by Go.go and Program.run ----

    /** Whether the goroutine's body has begun to run (a plain read: a hint when read by another thread). */
    boolean hasBegun() {
        return begun;
    }

    void registeredAt(Registry.Block block, int slot) {
        registryBlock = block;
        registrySlot = slot;
    }

    Registry.Block registryBlock() {
        return registryBlock;
    }

    int registrySlot() {
        return registrySlot;
    }

    /** Binds an adopted goroutine to its thread. */
    void bind(Thread t) {
        this.thread = t;
    }

    /**
     * A new thread from {@code threads} that will run {@code body} as this goroutine, with {@code loader} as its
     * context class loader; not started. Call it before the goroutine is registered.
     */
    Thread newThread(ThreadFactory threads, ClassLoader loader, Runnable body, Object raceClock, boolean isMain) {
        var start = new Start(this, body, raceClock, isMain);
        Thread t = threads.newThread(start);
        t.setUncaughtExceptionHandler(start);
        t.setContextClassLoader(loader);
        thread = t;
        return t;
    }

    /**
     * A goroutine's thread's task, and its handler of uncaught exceptions, so that {@link #current()} finds the
     * goroutine in a field of the thread. Nothing escapes {@link #run}, which catches whatever the body throws; a
     * failure of the runtime itself goes on to the thread's group, as it would without this handler. A goroutine
     * that replaces its thread's handler (Go has no such handler) is then found in its program's registry, once.
     */
    private record Start(Goroutine goroutine, Runnable body, Object raceClock, boolean isMain)
            implements Runnable, Thread.UncaughtExceptionHandler {
        @Override
        public void run() {
            goroutine.run(body, raceClock, isMain);
        }

        @Override
        public void uncaughtException(Thread t, Throwable e) {
            t.getThreadGroup().uncaughtException(t, e);
        }
    }

    private void run(Runnable body, Object raceClock, boolean isMain) {
        begun = true;
        if (Race.ENABLED) {
            Race.acquire(raceClock);
        }
        try {
            body.run();
            if (Race.ENABLED && isMain) {
                program.raceEnded();
            }
            FINISHED.setRelease(this, true);
            if (isMain) {
                program.mainReturned(this);
            } else {
                program.exited(this);
            }
        } catch (Throwable t) {
            if (Race.ENABLED) {
                program.raceEnded();
            }
            program.panicked(this, t); // the outcome first: one that waits for this goroutine to finish sees it
            FINISHED.setRelease(this, true);
            program.exited(this);
        }
    }
}

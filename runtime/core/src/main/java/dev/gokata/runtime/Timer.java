package dev.gokata.runtime;

import dev.gokata.runtime.race.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Go's {@code time.Timer}: fires once, either by sending the time on {@link #c()} or by calling a function in its
 * own goroutine ({@link Go#afterFunc}). A pending timer keeps the deadlock detector quiet, as in Go.
 *
 * <p>Implementation note: each arming schedules one task on {@link Timers}' queue; {@code pending} is that arming
 * (guarded by {@code this}). Every arming calls {@code program.timerStarted()} once and is matched by exactly one
 * {@code timerDone()}: whoever claims the arming first — {@link #stop}, or the task when it starts to fire — owns
 * it; stop then cancels the task, the task does its action (the send, or starting the afterFunc goroutine) and then
 * calls {@code timerDone()}. (The future's own {@code cancel} cannot decide this: it still succeeds while the task
 * is running, after the value was sent.) Semantics are Go 1.19's (the course's
 * Go): the channel has capacity 1 and a fire into a full channel is dropped; {@code stop} does not drain it.
 * Race detector: the arming goroutine's clock travels to the value sent / the afterFunc goroutine.
 *
 * <p>A timer whose time has come and a {@code stop} (or {@code reset}) race in Go: the timer thread may fire it
 * first, or the stop may win, as the schedule falls. Here a due timer always fires first: {@code stop} does its
 * action itself and returns false, as if the timer thread had just fired it, which is one of Go's outcomes. So code
 * that ignores {@code stop}'s result (a callback left blocked on its send) fails every time, not in a few runs only.
 */
public final class Timer {
    private final Program program;
    /** Null for an afterFunc timer. */
    private final Chan<Instant> c;
    private final Runnable f;
    private final long creatorId;
    private final List<StackTraceElement> createdAt;
    /** The current arming; guarded by {@code this}. */
    private Arming pending;

    /** One arming of the timer: claimed exactly once, by the firing task or by {@link #stop}. */
    private static final class Arming {
        final AtomicBoolean claimed = new AtomicBoolean();
        /** When it was armed ({@link System#nanoTime()}), and for how long. */
        final long armedAt;
        final long nanos;
        /** The arming goroutine's race clock, or null. */
        final Object clock;
        ScheduledFuture<?> task;
        /** Set once its action is done: the value sent, or the afterFunc goroutine started. */
        volatile boolean fired;

        Arming(long nanos, Object clock) {
            this.armedAt = System.nanoTime();
            this.nanos = nanos;
            this.clock = clock;
        }

        boolean isDue() {
            return System.nanoTime() - armedAt >= nanos;
        }
    }

    private Timer(Chan<Instant> c, Runnable f, List<StackTraceElement> createdAt) {
        Goroutine creator = Goroutine.current();
        this.program = creator.program();
        this.creatorId = creator.id();
        this.c = c;
        this.f = f;
        this.createdAt = createdAt;
    }

    /** A timer that sends the current time on its channel after {@code d}: Go's {@code time.NewTimer}. */
    public static Timer newTimer(Duration d) {
        var t = new Timer(Chan.make(1), null, List.of());
        t.arm(d);
        return t;
    }

    /** A timer that calls {@code f} in its own goroutine after {@code d}: Go's {@code time.AfterFunc}. */
    public static Timer afterFunc(Duration d, Runnable f) {
        var t = new Timer(null, java.util.Objects.requireNonNull(f, "f"), Go.creationSite());
        t.arm(d);
        return t;
    }

    /** The channel the time is sent on (capacity 1, so the timer never blocks); a nil channel for afterFunc timers. */
    public RecvChan<Instant> c() {
        return c != null ? c : Chan.nil();
    }

    /**
     * Prevents the timer from firing; true if this call stopped it, false if it had already fired or been stopped.
     * When it returns false, the firing is done: the value is in the channel, or the afterFunc goroutine started. A
     * timer whose time has come fires now, and stop returns false (see the class comment).
     */
    public synchronized boolean stop() {
        Arming a = pending;
        pending = null;
        if (a == null) {
            return false;
        }
        if (!a.claimed.compareAndSet(false, true)) {
            while (!a.fired) { // the timer thread fires it now: as Go's deltimer, wait until it did
                Thread.yield();
            }
            return false;
        }
        a.task.cancel(false);
        if (a.isDue()) {
            act(a);
            return false;
        }
        program.timerDone(f != null);
        return true;
    }

    /** Makes the timer fire after {@code d} from now; true if it had been active. */
    public synchronized boolean reset(Duration d) {
        boolean active = stop();
        arm(d);
        return active;
    }

    private synchronized void arm(Duration d) {
        program.timerStarted(f != null);
        long nanos = Math.max(d.toNanos(), 0);
        var a = new Arming(nanos, Race.ENABLED ? Race.release(null) : null);
        pending = a;
        a.task = Timers.schedule(() -> fire(a), nanos);
    }

    /** On the timer thread. */
    private void fire(Arming a) {
        if (a.claimed.compareAndSet(false, true)) { // else stopped first
            act(a);
        }
    }

    /** What firing does, by whoever claimed the due arming {@code a}: the send, or the afterFunc goroutine. */
    private void act(Arming a) {
        try {
            if (c != null) {
                c.offerFromTimer(Instant.now(), a.clock);
            } else {
                Go.start(program, creatorId, createdAt, f, a.clock);
            }
        } finally {
            program.timerDone(f != null);
            a.fired = true;
        }
    }
}

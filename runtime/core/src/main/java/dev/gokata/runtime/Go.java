package dev.gokata.runtime;

import dev.gokata.runtime.race.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * The {@code go} statement and the other package-level functions of Go's runtime and {@code time} package.
 * {@code import static dev.gokata.runtime.Go.*;} makes student code read like Go: {@code go(() -> work(ch));}.
 */
public final class Go {
    /**
     * Thread-safe, unlike a builder. Threads stay unnamed: a name costs time, and dumps give the goroutine id. They
     * inherit no inheritable thread-locals (Go has no thread-locals to inherit): a map that a library set in the
     * spawning goroutine would cost that goroutine, the one that serialises a burst of {@code go} statements, about
     * 0.1 µs per goroutine to copy. The context class loader, which the JDK then no longer copies, is copied by
     * {@link #go}.
     */
    private static final ThreadFactory THREADS = Scheduler.newBuilder().inheritInheritableThreadLocals(false).factory();

    private Go() {
    }

    /**
     * Starts {@code body} in a new goroutine (a virtual thread) and returns at once. The goroutine belongs to the
     * caller's program; its id and the site of this call are recorded for dumps, leak and race reports. Everything
     * the caller did before this call happens before {@code body} starts.
     */
    public static Goroutine go(Runnable body) {
        Goroutine parent = Goroutine.current();
        // Race reports show the go statement's callers too: capture them all with the detector on.
        var site = Race.ENABLED ? new CreationSite() : CreationSite.capture(body);
        Object clock = Race.ENABLED ? Race.release(null) : null;
        return start(parent.program(), parent.id(), site, Thread.currentThread().getContextClassLoader(), body,
                clock);
    }

    /**
     * Starts {@code body} as a new goroutine of {@code program}, from any thread (the timer thread starts
     * afterFunc goroutines this way), with the program's own context class loader; {@code raceClock} is what the new
     * goroutine acquires first.
     */
    static Goroutine start(Program program, long parentId, List<StackTraceElement> createdAt, Runnable body,
            Object raceClock) {
        return start(program, parentId, CreationSite.of(createdAt), program.contextClassLoader(), body, raceClock);
    }

    private static Goroutine start(Program program, long parentId, CreationSite createdAt, ClassLoader loader,
            Runnable body, Object raceClock) {
        var g = new Goroutine(program, program.nextId(), parentId, createdAt, false);
        Thread t = g.newThread(THREADS, loader, body, raceClock, false);
        program.started(g);
        Scheduler.start(t);
        return g;
    }

    /** Pauses the calling goroutine for at least {@code d}; a sleeping goroutine is never part of a deadlock. */
    public static void sleep(Duration d) {
        Timers.sleep(d);
    }

    /** A channel that receives the current time once, after {@code d}: Go's {@code time.After}. */
    public static RecvChan<Instant> after(Duration d) {
        return Timer.newTimer(d).c();
    }

    /** Calls {@code f} in its own goroutine after {@code d}; the returned timer can stop or reset it. */
    public static Timer afterFunc(Duration d, Runnable f) {
        return Timer.afterFunc(d, f);
    }

    /** The number of goroutines alive in the caller's program, as {@code runtime.NumGoroutine()}. */
    public static int numGoroutine() {
        return Goroutine.current().program().numGoroutine();
    }

    /** Lets other goroutines run, as {@code runtime.Gosched()}: even a loop that only calls it lets them all run. */
    public static void gosched() {
        Goroutine.current().gosched();
    }

    /** The user's frames of the caller's call into the runtime, resolved now (for timers' afterFunc goroutines). */
    static List<StackTraceElement> creationSite() {
        return new CreationSite().frames();
    }
}

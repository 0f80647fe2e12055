package dev.gokata.runtime.race;

import java.util.List;
import java.util.function.Consumer;

/**
 * The happens-before race detector: the entry points the race agent's instrumented code calls, and the reports for
 * the grader and {@code GoRun}.
 *
 * <p>Implementation note. FastTrack (Flanagan &amp; Freund, PLDI 2009) over vector clocks: each thread (goroutine or
 * platform thread) has a {@link ThreadState}; each memory location a {@link Shadow}, found without a global lock
 * ({@link ShadowMap} for objects and arrays, {@link StaticShadows} for statics); each synchronisation object a
 * {@link SyncClock}. Happens-before edges come from the runtime ({@link Race}), monitors, volatile fields, thread
 * start and join, and the j.u.c calls the agent brackets with {@link #callBefore}/{@link #callAfter}. Every entry
 * point returns at once when the detector is off ({@link Race#ENABLED} is a constant, so the JIT removes the code).
 *
 * <p>Grader API: {@link #mark()} before a test, {@link #since(int)} after it; {@link #reports()} and {@link #count()}
 * for the whole run; {@link #onReport(Consumer)} to print reports as they are found, as Go does.
 */
public final class RaceDetector {
    private RaceDetector() {
    }

    // ---- the grader's API ----

    /** Every race reported so far in this JVM, in order. */
    public static List<RaceReport> reports() {
        return Reporter.all();
    }

    /** How many races were reported so far: Go's {@code Found N data race(s)}. */
    public static int count() {
        return Reporter.all().size();
    }

    /**
     * Starts a new reporting window (e.g. one test) and returns its mark for {@link #since(int)}. A pair of source
     * locations already reported before the mark is reported again after it.
     */
    public static int mark() {
        return Reporter.mark();
    }

    /** The races reported since {@code mark}. */
    public static List<RaceReport> since(int mark) {
        return Reporter.since(mark);
    }

    /**
     * Forgets all shadow state and every thread, as if the JVM had just started, keeping the reports. For a test
     * runner between tests, once the previous test's goroutines have ended: thread slots restart at 1 (vector
     * clocks stay as small as one test needs), and nothing a finished test did can race with the next one. A thread
     * still running across a reset loses what it knew and could be reported falsely. A sync clock that outlives
     * the reset (a channel or mutex kept in a static field) forgets its old entries ({@link SyncClock}).
     */
    public static void reset() {
        ThreadState.reset();
        ShadowMap.INSTANCE.clear();
        StaticShadows.clear();
        Reporter.mark();
    }

    /** Calls {@code listener} with each report as it is found, on the thread that found it. */
    public static void onReport(Consumer<RaceReport> listener) {
        Reporter.addListener(listener);
    }

    /** Stops calling {@code listener}. */
    public static void removeListener(Consumer<RaceReport> listener) {
        Reporter.removeListener(listener);
    }

    // ---- plain accesses (instrumented code) ----

    /** A read of instance field {@code field} of {@code owner} at {@code site}. */
    public static void read(Object owner, int field, int site) {
        if (!Race.ENABLED || owner == null) {
            return;
        }
        ThreadState t = ThreadState.current();
        Shadow.Conflict c = t.fieldShadow(owner, field).read(t, site);
        if (c != null) {
            Reporter.race(t, false, site, c, owner, field, -1);
        }
    }

    /** A write of instance field {@code field} of {@code owner} at {@code site}. */
    public static void write(Object owner, int field, int site) {
        if (!Race.ENABLED || owner == null) {
            return;
        }
        ThreadState t = ThreadState.current();
        Shadow.Conflict c = t.fieldShadow(owner, field).write(t, site);
        if (c != null) {
            Reporter.race(t, true, site, c, owner, field, -1);
        }
    }

    /** A read of static field {@code field}. */
    public static void readStatic(int field, int site) {
        if (!Race.ENABLED) {
            return;
        }
        ThreadState t = ThreadState.current();
        Shadow.Conflict c = StaticShadows.field(field).read(t, site);
        if (c != null) {
            Reporter.race(t, false, site, c, null, field, -1);
        }
    }

    /** A write of static field {@code field}. */
    public static void writeStatic(int field, int site) {
        if (!Race.ENABLED) {
            return;
        }
        ThreadState t = ThreadState.current();
        Shadow.Conflict c = StaticShadows.field(field).write(t, site);
        if (c != null) {
            Reporter.race(t, true, site, c, null, field, -1);
        }
    }

    /** A read of {@code array[index]}; an index out of bounds is left to the array access itself. */
    public static void readArray(Object array, int index, int site) {
        if (!Race.ENABLED || array == null) {
            return;
        }
        ThreadState t = ThreadState.current();
        ObjectShadow s = t.shadowOf(array);
        if (index < 0 || index >= s.length()) {
            return;
        }
        Shadow x = s.sampledElement(index);
        if (x == null) {
            return;
        }
        Shadow.Conflict c = x.read(t, site);
        if (c != null) {
            Reporter.race(t, false, site, c, array, 0, index);
        }
    }

    /** A write of {@code array[index]}. */
    public static void writeArray(Object array, int index, int site) {
        if (!Race.ENABLED || array == null) {
            return;
        }
        ThreadState t = ThreadState.current();
        ObjectShadow s = t.shadowOf(array);
        if (index < 0 || index >= s.length()) {
            return;
        }
        Shadow x = s.sampledElement(index);
        if (x == null) {
            return;
        }
        Shadow.Conflict c = x.write(t, site);
        if (c != null) {
            Reporter.race(t, true, site, c, array, 0, index);
        }
    }

    // ---- call stacks (instrumented code) ----

    /**
     * At the entry of an instrumented method that makes calls: the thread's detector state, which the method keeps in
     * a local for {@link #call} and {@link #back} (an {@code Object}: the type is the detector's own).
     */
    public static Object thread() {
        return Race.ENABLED ? ThreadState.current() : null;
    }

    /** The call path {@code thread} runs on, read at the method's entry: the method's own, set by its caller. */
    public static int node(Object thread) {
        return Race.ENABLED ? ((ThreadState) thread).node : CallStacks.ROOT;
    }

    /** Just before a call at {@code site} by a method on path {@code node}: the callee's path is that and this call. */
    public static void call(Object thread, int node, int site) {
        if (Race.ENABLED) {
            ((ThreadState) thread).node = CallStacks.child(node, site);
        }
    }

    /**
     * After a call, returned or thrown (at each exception handler, and as an exception leaves the method): the thread
     * runs on the method's path {@code node} again.
     */
    public static void back(Object thread, int node) {
        if (Race.ENABLED) {
            ((ThreadState) thread).node = node;
        }
    }

    // ---- synchronisation (instrumented code) ----

    /** After a read of volatile field {@code field} of {@code owner} (null for a static): acquire. */
    public static void volatileRead(Object owner, int field) {
        if (!Race.ENABLED) {
            return;
        }
        ThreadState t = ThreadState.current();
        volatileClock(t, owner, field).acquire(t);
    }

    /** Before a write of volatile field {@code field} of {@code owner} (null for a static): release. */
    public static void volatileWrite(Object owner, int field) {
        if (!Race.ENABLED) {
            return;
        }
        ThreadState t = ThreadState.current();
        volatileClock(t, owner, field).release(t);
    }

    private static SyncClock volatileClock(ThreadState t, Object owner, int field) {
        return owner == null ? StaticShadows.volatileField(field) : t.shadowOf(owner).volatileField(field);
    }

    /** After entering {@code monitor} ({@code synchronized}): acquire. */
    public static void monitorEnter(Object monitor) {
        if (!Race.ENABLED || monitor == null) {
            return;
        }
        acquireOn(monitor);
    }

    /** Before leaving {@code monitor}, normally or by an exception: release. */
    public static void monitorExit(Object monitor) {
        if (!Race.ENABLED || monitor == null) {
            return;
        }
        releaseOn(monitor);
    }

    /** Before any call named {@code start()}: if the receiver is a thread, its start happens after all we did. */
    public static void threadStart(Object maybeThread) {
        if (!Race.ENABLED || !(maybeThread instanceof Thread child)) {
            return;
        }
        ThreadState t = ThreadState.current();
        var clock = new SyncClock();
        clock.release(t);
        ThreadState.forked(child, clock, StackWalker.getInstance().walk(s -> s.skip(1).limit(8)
                .map(StackWalker.StackFrame::toStackTraceElement).toList()));
    }

    /** Before a modelled library call at {@code site} (collections, j.u.c, join, wait). */
    public static void callBefore(Object receiver, int site) {
        if (!Race.ENABLED || receiver == null) {
            return;
        }
        Library.before(receiver, site);
    }

    /** After a modelled library call at {@code site} returned {@code result} (null for void). */
    public static void callAfter(Object receiver, Object result, int site) {
        if (!Race.ENABLED) {
            return;
        }
        Library.after(receiver, result, site);
    }

    /** After a j.u.c call returned {@code result}: acquiring {@code result} (a future) also acquires {@code source}. */
    public static void link(Object result, Object source) {
        if (!Race.ENABLED || result == null || source == null) {
            return;
        }
        Library.link(result, source);
    }

    // ---- helpers shared with Library and the task wrappers ----

    static void acquireOn(Object o) {
        ThreadState t = ThreadState.current();
        t.shadowOf(o).sync().acquire(t);
    }

    static void releaseOn(Object o) {
        ThreadState t = ThreadState.current();
        t.shadowOf(o).sync().release(t);
    }

    /** A collection's internal state as one location: a read or a write of it at {@code site}. */
    static void collection(Object c, boolean write, int site) {
        ThreadState t = ThreadState.current();
        Shadow s = t.fieldShadow(c, Sites.COLLECTION_STATE);
        Shadow.Conflict conflict = write ? s.write(t, site) : s.read(t, site);
        if (conflict != null) {
            Reporter.race(t, write, site, conflict, c, Sites.COLLECTION_STATE, -1);
        }
    }
}

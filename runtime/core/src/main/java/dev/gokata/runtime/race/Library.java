package dev.gokata.runtime.race;

import java.util.Collection;
import java.util.Map;

/**
 * How the detector models the JDK calls it cannot see inside: thread-safe objects (j.u.c, synchronized wrappers,
 * {@code Vector}, {@code StringBuffer}) as release before the call and acquire after it, on the receiver; the
 * non-thread-safe collections of {@code java.util} and {@code StringBuilder} as a read or a write of the receiver's
 * whole state; {@code Thread.join} as acquiring the dead thread's clock; {@code Object.wait} as leaving and
 * re-entering the monitor.
 *
 * <p>One change of schedule, no report: after a query of a thread-safe collection or map ({@code contains},
 * {@code get}, {@code isEmpty}, ...), a goroutine yields. Check-then-act on a concurrent set ({@code if
 * (!seen.contains(u)) { seen.add(u); ... }}) is no data race, each call being thread-safe, but the pair is not
 * atomic; its window is nanoseconds wide, so a test would catch it only by chance. With the yield, every goroutine
 * queued meanwhile passes the same check before the first one acts, and the doubled action shows in the result.
 * Go's race mode perturbs its scheduler likewise, to shake out what a quiet schedule hides.
 */
final class Library {
    /** How calls on a receiver of some class are modelled. */
    enum Kind { NONE, THREAD_SAFE, UNSAFE }

    private static final ClassValue<Kind> KINDS = new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> c) {
            return classify(c);
        }
    };

    private Library() {
    }

    static Kind kindOf(Class<?> c) {
        return KINDS.get(c);
    }

    private static Kind classify(Class<?> c) {
        String n = c.getName();
        if (n.startsWith("java.util.concurrent.") || n.startsWith("java.util.Collections$Synchronized")
                || n.equals("java.util.Vector") || n.equals("java.util.Stack") || n.equals("java.util.Hashtable")
                || n.equals("java.lang.StringBuffer")) {
            return Kind.THREAD_SAFE;
        }
        if (n.equals("java.lang.StringBuilder")) {
            return Kind.UNSAFE;
        }
        if (n.startsWith("java.util.") && n.indexOf('.', "java.util.".length()) < 0
                && (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c))) {
            return Kind.UNSAFE;
        }
        return Kind.NONE;
    }

    static void before(Object receiver, int site) {
        int kind = Sites.kind(site);
        switch (kind) {
            case Sites.CALL_WAIT -> RaceDetector.releaseOn(receiver);
            case Sites.CALL_READ, Sites.CALL_WRITE, Sites.CALL_AWAIT_TASKS -> {
                switch (kindOf(receiver.getClass())) {
                    case UNSAFE -> RaceDetector.collection(receiver, kind == Sites.CALL_WRITE, site);
                    case THREAD_SAFE -> RaceDetector.releaseOn(receiver);
                    case NONE -> {
                    }
                }
            }
            default -> {
            }
        }
    }

    static void after(Object receiver, Object result, int site) {
        if (receiver == null) {
            return;
        }
        switch (Sites.kind(site)) {
            case Sites.CALL_WAIT -> RaceDetector.acquireOn(receiver);
            case Sites.CALL_JOIN -> {
                if (receiver instanceof Thread th && !th.isAlive()) {
                    VectorClock dead = ThreadState.clockOf(th);
                    if (dead != null) {
                        ThreadState.current().clock().join(dead);
                    }
                }
            }
            case Sites.CALL_AWAIT_TASKS -> {
                ThreadState t = ThreadState.current();
                t.shadowOf(receiver).volatileField(Sites.TASKS_DONE).acquire(t);
                RaceDetector.acquireOn(receiver);
            }
            case Sites.CALL_READ, Sites.CALL_WRITE -> {
                if (kindOf(receiver.getClass()) == Kind.THREAD_SAFE) {
                    RaceDetector.acquireOn(receiver);
                    if (result != null && kindOf(result.getClass()) == Kind.THREAD_SAFE) {
                        link(result, receiver);
                    }
                    if (Sites.kind(site) == Sites.CALL_READ && (receiver instanceof Collection<?>
                            || receiver instanceof Map<?, ?>) && Thread.currentThread().isVirtual()) {
                        Thread.yield(); // opens a check-then-act's window; see the class comment
                    }
                }
            }
            default -> {
            }
        }
    }

    /**
     * Acquiring {@code result} from now on also acquires {@code source}: a task's end, a future, each element of an
     * array or collection of futures ({@code allOf}), or the receiver that made {@code result} ({@code newCondition}).
     */
    static void link(Object result, Object source) {
        ThreadState t = ThreadState.current();
        SyncClock target = t.shadowOf(result).sync();
        switch (source) {
            case RaceTasks.Task task -> target.link(task.end);
            case Object[] array -> {
                for (Object o : array) {
                    if (o != null) {
                        target.link(t.shadowOf(o).sync());
                    }
                }
            }
            case Collection<?> c when kindOf(source.getClass()) != Kind.NONE -> {
                for (Object o : c) {
                    if (o != null) {
                        target.link(t.shadowOf(o).sync());
                    }
                }
            }
            default -> target.link(t.shadowOf(source).sync());
        }
    }
}

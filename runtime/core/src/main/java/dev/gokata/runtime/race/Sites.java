package dev.gokata.runtime.race;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of instrumented source locations and fields. The race agent registers each access site and each
 * field once, while it instruments a class, and bakes the returned ids into the bytecode as constants.
 *
 * <p>Implementation note. Registration is rare and synchronized on the class; lookups (only when reporting) read a
 * volatile array that is replaced, never mutated in place after publication of an id.
 */
public final class Sites {
    /** The kinds of sites: plain accesses, and the library calls the detector models. */
    public static final int ACCESS = 0;
    /** A call that reads a collection's (or a string builder's) state. */
    public static final int CALL_READ = 1;
    /** A call that changes a collection's (or a string builder's) state. */
    public static final int CALL_WRITE = 2;
    /** A {@code Thread.join}: acquires the dead thread's clock. */
    public static final int CALL_JOIN = 3;
    /** An {@code Object.wait}: releases then re-acquires the monitor. */
    public static final int CALL_WAIT = 4;

    /** A call that waits for an executor's tasks: {@code close}, {@code awaitTermination}, {@code invokeAll/Any}. */
    public static final int CALL_AWAIT_TASKS = 5;
    /** Any other call: a frame of the callee's stack ({@link CallStacks}), not modelled. */
    public static final int CALL = 6;
    /**
     * An operation of the runtime that Go's race detector models as an access (a WaitGroup's Add from zero, its first
     * Wait); a report shows where the user's code called it, not this site.
     */
    public static final int RUNTIME = 7;

    /** Field id 0: the internal state of a JDK collection or string builder. */
    static final int COLLECTION_STATE = 0;
    /** The slot of an executor's "tasks done" clock in its shadow (no field has a negative id). */
    static final int TASKS_DONE = -1;

    /** One instrumented location: where, and what kind. */
    public record Site(String className, String method, String file, int line, int kind) {
    }

    private static volatile Site[] sites = new Site[1024];
    private static int siteCount = 1;
    private static volatile String[] fields = new String[256];
    private static int fieldCount = 1;
    private static final ConcurrentHashMap<String, Integer> FIELD_IDS = new ConcurrentHashMap<>();

    static {
        fields[0] = "";
    }

    private Sites() {
    }

    /** Registers a site; {@code className} in Java form ({@code pkg.Outer$Inner}). Returns its id (never 0). */
    public static synchronized int site(String className, String method, String file, int line, int kind) {
        Site[] a = sites;
        int id = siteCount++;
        if (id >= a.length) {
            a = Arrays.copyOf(a, a.length * 2);
        }
        a[id] = new Site(className, method, file, line, kind);
        sites = a;
        return id;
    }

    /** The id of field {@code name} declared by {@code declaringClass} (Java form); the same for every caller. */
    public static int field(String declaringClass, String name) {
        String key = declaringClass + "." + name;
        Integer id = FIELD_IDS.get(key);
        return id != null ? id : newField(key);
    }

    private static synchronized int newField(String key) {
        Integer id = FIELD_IDS.get(key);
        if (id != null) {
            return id;
        }
        String[] a = fields;
        int n = fieldCount++;
        if (n >= a.length) {
            a = Arrays.copyOf(a, a.length * 2);
        }
        a[n] = key;
        fields = a;
        FIELD_IDS.put(key, n);
        return n;
    }

    /** The site with this id. */
    public static Site site(int id) {
        Site[] a = sites;
        return id > 0 && id < a.length ? a[id] : null;
    }

    static int kind(int id) {
        Site s = site(id);
        return s == null ? ACCESS : s.kind();
    }

    /** {@code pkg.Class.field} for a field id. */
    static String fieldName(int id) {
        String[] a = fields;
        return id < a.length && a[id] != null ? a[id] : "?";
    }
}

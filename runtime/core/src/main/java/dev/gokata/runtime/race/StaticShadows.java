package dev.gokata.runtime.race;

import java.util.Arrays;

/**
 * The shadow of every static field, indexed by field id: statics have no owner object worth hashing.
 *
 * <p>Implementation note. {@code table} is copy-on-grow under the class lock; a slot, once set, never changes, so
 * readers need no lock.
 */
final class StaticShadows {
    private static volatile Object[] table = new Object[256];

    private StaticShadows() {
    }

    static Shadow field(int id) {
        Object[] t = table;
        Object o = id < t.length ? t[id] : null;
        return o != null ? (Shadow) o : (Shadow) create(id, false);
    }

    static SyncClock volatileField(int id) {
        Object[] t = table;
        Object o = id < t.length ? t[id] : null;
        return o != null ? (SyncClock) o : (SyncClock) create(id, true);
    }

    static synchronized void clear() {
        table = new Object[256];
    }

    private static synchronized Object create(int id, boolean isVolatile) {
        Object[] t = table;
        if (id >= t.length) {
            t = Arrays.copyOf(t, Math.max(id + 1, t.length * 2));
        }
        if (t[id] == null) {
            t[id] = isVolatile ? new SyncClock() : new Shadow();
        }
        table = t;
        return t[id];
    }
}

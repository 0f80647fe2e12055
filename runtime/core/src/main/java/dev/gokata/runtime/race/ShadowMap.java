package dev.gokata.runtime.race;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * The shadow of every object the detector has seen, keyed by identity and held weakly, so that shadow memory dies
 * with the objects it describes.
 *
 * <p>Implementation note. 64 independent stripes, chosen by the identity hash; each stripe is a chained hash table
 * guarded by its own monitor, and expunges entries whose object was collected (its reference queue) on every call.
 * No global lock: two threads touching different objects rarely meet on a stripe. Values never refer to their key.
 */
final class ShadowMap {
    static final ShadowMap INSTANCE = new ShadowMap();
    private static final int STRIPES = 64;

    private final Stripe[] stripes = new Stripe[STRIPES];

    private ShadowMap() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    ObjectShadow get(Object o, int hash) {
        return stripes[(hash ^ (hash >>> 16)) & (STRIPES - 1)].get(o, hash);
    }

    /** Forgets every object's shadow. */
    void clear() {
        for (Stripe s : stripes) {
            s.clear();
        }
    }

    /** How many objects have a shadow now (for tests and memory accounting). */
    int size() {
        int n = 0;
        for (Stripe s : stripes) {
            n += s.size();
        }
        return n;
    }

    private static final class Entry extends WeakReference<Object> {
        final int hash;
        final ObjectShadow value;
        Entry next;

        Entry(Object key, int hash, ObjectShadow value, Entry next, ReferenceQueue<Object> queue) {
            super(key, queue);
            this.hash = hash;
            this.value = value;
            this.next = next;
        }
    }

    private static final class Stripe {
        private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
        /** Guarded by this stripe. */
        private Entry[] table = new Entry[16];
        private int size;

        synchronized ObjectShadow get(Object o, int hash) {
            expunge();
            Entry[] t = table;
            int i = hash & (t.length - 1);
            for (Entry e = t[i]; e != null; e = e.next) {
                if (e.hash == hash && e.get() == o) {
                    return e.value;
                }
            }
            var value = new ObjectShadow(o.getClass().isArray() ? java.lang.reflect.Array.getLength(o) : -1);
            t[i] = new Entry(o, hash, value, t[i], queue);
            if (++size > t.length * 3 / 4) {
                resize();
            }
            return value;
        }

        synchronized void clear() {
            while (queue.poll() != null) {
                // drop: the table they belong to goes too
            }
            table = new Entry[16];
            size = 0;
        }

        synchronized int size() {
            expunge();
            return size;
        }

        private void expunge() {
            for (Object r; (r = queue.poll()) != null; ) {
                Entry dead = (Entry) r;
                int i = dead.hash & (table.length - 1);
                Entry prev = null;
                for (Entry e = table[i]; e != null; prev = e, e = e.next) {
                    if (e == dead) {
                        if (prev == null) {
                            table[i] = e.next;
                        } else {
                            prev.next = e.next;
                        }
                        size--;
                        break;
                    }
                }
            }
        }

        private void resize() {
            Entry[] old = table;
            Entry[] t = new Entry[old.length * 2];
            for (Entry head : old) {
                for (Entry e = head; e != null; ) {
                    Entry next = e.next;
                    int i = e.hash & (t.length - 1);
                    e.next = t[i];
                    t[i] = e;
                    e = next;
                }
            }
            table = t;
        }
    }
}

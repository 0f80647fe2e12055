package dev.gokata.runtime.race;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The shadow state of one object: a {@link Shadow} per field (or per element of an array), a {@link SyncClock} per
 * volatile field, and the object's own sync clock (monitor, j.u.c object).
 *
 * <p>Implementation note. Field slots are a copy-on-write pair of arrays (id, value) read without a lock and grown
 * under {@code this}; objects have few fields, so a linear scan is the fastest lookup. Array elements live in an
 * {@link AtomicReferenceArray} created with the shadow, filled lazily by CAS.
 */
final class ObjectShadow {
    private record Slots(int[] ids, Object[] values) {
    }

    private static final Slots NO_SLOTS = new Slots(new int[0], new Object[0]);

    private volatile Slots slots = NO_SLOTS;
    private volatile SyncClock sync;
    /**
     * Arrays longer than this are sampled: only every {@code stride}-th element has a shadow, so shadow memory stays
     * bounded (a 2M-element array would need ~100 MB). Sampling misses races on the other elements; it never merges
     * two elements into one location, so it invents none.
     */
    static final int MAX_ELEMENT_SHADOWS = 1 << 16;

    private final AtomicReferenceArray<Shadow> elements;
    private final int arrayLength;
    private final int stride;

    ObjectShadow(int arrayLength) {
        this.arrayLength = arrayLength;
        this.stride = arrayLength > MAX_ELEMENT_SHADOWS
                ? (arrayLength + MAX_ELEMENT_SHADOWS - 1) / MAX_ELEMENT_SHADOWS : 1;
        this.elements = arrayLength >= 0 ? new AtomicReferenceArray<>((arrayLength + stride - 1) / stride) : null;
    }

    /** The shadow of element {@code index}, or null if this array is sampled and the element is not. */
    Shadow sampledElement(int index) {
        if (stride == 1) {
            return element(index);
        }
        return index % stride == 0 ? element(index / stride) : null;
    }

    /** The length of the array this shadows, or -1 for an object. */
    int length() {
        return elements == null ? -1 : arrayLength;
    }

    Shadow field(int id) {
        return (Shadow) slot(id, false);
    }

    SyncClock volatileField(int id) {
        return (SyncClock) slot(id, true);
    }

    private Shadow element(int index) {
        Shadow s = elements.get(index);
        if (s == null) {
            s = new Shadow();
            if (!elements.compareAndSet(index, null, s)) {
                s = elements.get(index);
            }
        }
        return s;
    }

    SyncClock sync() {
        SyncClock s = sync;
        if (s == null) {
            synchronized (this) {
                s = sync;
                if (s == null) {
                    s = new SyncClock();
                    sync = s;
                }
            }
        }
        return s;
    }

    private Object slot(int id, boolean isVolatile) {
        Slots s = slots;
        int[] ids = s.ids();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return s.values()[i];
            }
        }
        return add(id, isVolatile);
    }

    private synchronized Object add(int id, boolean isVolatile) {
        Slots s = slots;
        int[] ids = s.ids();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return s.values()[i];
            }
        }
        Object value = isVolatile ? new SyncClock() : new Shadow();
        int[] nIds = Arrays.copyOf(ids, ids.length + 1);
        Object[] nValues = Arrays.copyOf(s.values(), ids.length + 1);
        nIds[ids.length] = id;
        nValues[ids.length] = value;
        slots = new Slots(nIds, nValues);
        return value;
    }
}

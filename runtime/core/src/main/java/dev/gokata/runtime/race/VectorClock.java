package dev.gokata.runtime.race;

import java.util.Arrays;

/**
 * A vector clock: one logical clock per thread slot ({@code tid}), as in FastTrack. Not thread-safe: a thread's own
 * clock is touched only by that thread (and read by a joiner once the thread is dead); a {@link SyncClock} guards the
 * clocks it holds.
 */
final class VectorClock {
    private static final int[] EMPTY = new int[0];

    private int[] c;

    VectorClock() {
        this.c = EMPTY;
    }

    VectorClock(VectorClock other) {
        this.c = other.c.clone();
    }

    int get(int tid) {
        int[] a = c;
        return tid < a.length ? a[tid] : 0;
    }

    void set(int tid, int value) {
        ensure(tid + 1);
        c[tid] = value;
    }

    /** Every entry back to 0. */
    void clear() {
        c = EMPTY;
    }

    /** This clock becomes the element-wise maximum of itself and {@code other}. */
    void join(VectorClock other) {
        int[] o = other.c;
        ensure(o.length);
        int[] a = c;
        for (int i = 0; i < o.length; i++) {
            if (o[i] > a[i]) {
                a[i] = o[i];
            }
        }
    }

    /** True if the access at {@code epoch} happens before the thread whose clock this is. */
    boolean covers(long epoch) {
        return Epoch.clock(epoch) <= get(Epoch.tid(epoch));
    }

    int size() {
        return c.length;
    }

    /**
     * Grows to exactly {@code size}: over-allocating (say, doubling) would make two clocks joined in turn grow each
     * other without bound, each doubling past the other's length.
     */
    private void ensure(int size) {
        if (c.length < size) {
            c = Arrays.copyOf(c, size);
        }
    }

    @Override
    public String toString() {
        return Arrays.toString(c);
    }
}

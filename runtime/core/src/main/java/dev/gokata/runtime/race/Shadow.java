package dev.gokata.runtime.race;

import java.util.Arrays;

/**
 * FastTrack's shadow state of one memory location (a field of one object, a static field, an array element, a
 * collection's internal state): the last write's epoch, and the last read's epoch or, while reads are concurrent, a
 * read vector clock. Each epoch keeps where its access was, for the report: its site id and the call path the thread
 * ran on ({@link ThreadState#node}, a {@link CallStacks} node), packed in a long ({@link #at}).
 *
 * <p>Implementation note (Flanagan &amp; Freund, "FastTrack", PLDI 2009). The rules [READ SAME EPOCH],
 * [READ EXCLUSIVE], [READ SHARE], [READ SHARED], [WRITE SAME EPOCH], [WRITE EXCLUSIVE] and [WRITE SHARED] are
 * implemented as in the paper's figure 2; {@code read == SHARED} marks read-shared mode, with {@code readClocks}
 * indexed by thread slot. All fields are guarded by {@code this}, except the same-epoch fast paths, which read
 * {@code write} or {@code read} without the lock: a thread's own epoch can be written only by that thread, so seeing
 * it means no other access came in between that this thread has not checked already, and a concurrent writer of
 * another epoch checks against ours under the lock. A stale read of a long is not torn on a 64-bit JVM.
 */
final class Shadow {
    private static final long SHARED = -1;

    private long write;
    private long writeAt;
    private long read;
    private long readAt;
    private int[] readClocks;
    private long[] readAts;

    /** A conflicting earlier access, found by {@link #read} or {@link #write}: its site and its call path. */
    record Conflict(int tid, int clock, boolean write, int site, int node) {
        private Conflict(int tid, int clock, boolean write, long at) {
            this(tid, clock, write, (int) at, (int) (at >>> 32));
        }
    }

    /**
     * Where {@code t} accesses at {@code site}: the site, and the path its thread runs on. Packed only on the slow
     * paths, which store it; the instrumented code passes the site alone.
     */
    private static long at(ThreadState t, int site) {
        return ((long) t.node << 32) | (site & 0xffff_ffffL);
    }

    /** Records a read by {@code t} at {@code site}; returns the write it races with, or null. */
    Conflict read(ThreadState t, int site) {
        return read == t.epoch ? null : readSlow(t, site);
    }

    /** Kept out of {@link #read} so that the same-epoch fast path is small enough to inline. */
    private Conflict readSlow(ThreadState t, int site) {
        long e = t.epoch;
        long at = at(t, site);
        synchronized (this) {
            Conflict race = null;
            if (write != Epoch.NONE && !t.clock().covers(write)) {
                race = new Conflict(Epoch.tid(write), Epoch.clock(write), true, writeAt);
            }
            if (read == SHARED) {
                setShared(t.tid, Epoch.clock(e), at);
            } else if (read == Epoch.NONE || t.clock().covers(read)) {
                read = e;
                readAt = at;
            } else {
                readClocks = new int[Math.max(t.tid, Epoch.tid(read)) + 1];
                readAts = new long[readClocks.length];
                setShared(Epoch.tid(read), Epoch.clock(read), readAt);
                setShared(t.tid, Epoch.clock(e), at);
                read = SHARED;
            }
            return race;
        }
    }

    /** Records a write by {@code t} at {@code site}; returns the access it races with, or null. */
    Conflict write(ThreadState t, int site) {
        return write == t.epoch ? null : writeSlow(t, site);
    }

    private Conflict writeSlow(ThreadState t, int site) {
        long e = t.epoch;
        long at = at(t, site);
        synchronized (this) {
            Conflict race = null;
            VectorClock vc = t.clock();
            if (write != Epoch.NONE && !vc.covers(write)) {
                race = new Conflict(Epoch.tid(write), Epoch.clock(write), true, writeAt);
            }
            if (read == SHARED) {
                for (int u = 0; u < readClocks.length && race == null; u++) {
                    if (readClocks[u] > vc.get(u)) {
                        race = new Conflict(u, readClocks[u], false, readAts[u]);
                    }
                }
                read = Epoch.NONE;
                readClocks = null;
                readAts = null;
            } else if (read != Epoch.NONE && !vc.covers(read) && race == null) {
                race = new Conflict(Epoch.tid(read), Epoch.clock(read), false, readAt);
            }
            write = e;
            writeAt = at;
            return race;
        }
    }

    private void setShared(int tid, int clock, long at) {
        if (tid >= readClocks.length) {
            readClocks = Arrays.copyOf(readClocks, tid + 1);
            readAts = Arrays.copyOf(readAts, tid + 1);
        }
        readClocks[tid] = clock;
        readAts[tid] = at;
    }
}

package dev.gokata.runtime.race;

import java.util.Arrays;

/**
 * FastTrack's shadow state of one memory location (a field of one object, a static field, an array element, a
 * collection's internal state): the last write's epoch, and the last read's epoch or, while reads are concurrent, a
 * read vector clock. Each epoch keeps the site id of its access, for the report.
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
    private int writeSite;
    private long read;
    private int readSite;
    private int[] readClocks;
    private int[] readSites;

    /** A conflicting earlier access, found by {@link #read} or {@link #write}. */
    record Conflict(int tid, int clock, boolean write, int site) {
    }

    /** Records a read by {@code t} at {@code site}; returns the write it races with, or null. */
    Conflict read(ThreadState t, int site) {
        return read == t.epoch ? null : readSlow(t, site);
    }

    /** Kept out of {@link #read} so that the same-epoch fast path is small enough to inline. */
    private Conflict readSlow(ThreadState t, int site) {
        long e = t.epoch;
        synchronized (this) {
            Conflict race = null;
            if (write != Epoch.NONE && !t.clock().covers(write)) {
                race = new Conflict(Epoch.tid(write), Epoch.clock(write), true, writeSite);
            }
            if (read == SHARED) {
                setShared(t.tid, Epoch.clock(e), site);
            } else if (read == Epoch.NONE || t.clock().covers(read)) {
                read = e;
                readSite = site;
            } else {
                readClocks = new int[Math.max(t.tid, Epoch.tid(read)) + 1];
                readSites = new int[readClocks.length];
                setShared(Epoch.tid(read), Epoch.clock(read), readSite);
                setShared(t.tid, Epoch.clock(e), site);
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
        synchronized (this) {
            Conflict race = null;
            VectorClock vc = t.clock();
            if (write != Epoch.NONE && !vc.covers(write)) {
                race = new Conflict(Epoch.tid(write), Epoch.clock(write), true, writeSite);
            }
            if (read == SHARED) {
                for (int u = 0; u < readClocks.length && race == null; u++) {
                    if (readClocks[u] > vc.get(u)) {
                        race = new Conflict(u, readClocks[u], false, readSites[u]);
                    }
                }
                read = Epoch.NONE;
                readClocks = null;
                readSites = null;
            } else if (read != Epoch.NONE && !vc.covers(read) && race == null) {
                race = new Conflict(Epoch.tid(read), Epoch.clock(read), false, readSite);
            }
            write = e;
            writeSite = site;
            return race;
        }
    }

    private void setShared(int tid, int clock, int site) {
        if (tid >= readClocks.length) {
            readClocks = Arrays.copyOf(readClocks, tid + 1);
            readSites = Arrays.copyOf(readSites, tid + 1);
        }
        readClocks[tid] = clock;
        readSites[tid] = site;
    }
}

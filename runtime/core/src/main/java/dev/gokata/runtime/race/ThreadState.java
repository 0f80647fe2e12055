package dev.gokata.runtime.race;

import dev.gokata.runtime.Goroutine;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.Collections;

/**
 * The detector's view of one running thread (a goroutine, or a platform thread): its slot, its vector clock and a
 * small cache of shadow lookups.
 *
 * <p>Implementation note. A state is created lazily, by the thread itself, the first time it meets the detector;
 * creation acquires the clock its parent published at {@code Thread.start} (if any). The clock is written only by its
 * own thread; a joiner reads it only after {@code join} returned, i.e. after the thread died. Slots are never reused,
 * so vector clocks grow with the number of threads ever seen (see docs/race-detector.md).
 */
final class ThreadState {
    private static final ThreadLocal<ThreadState> CURRENT = new ThreadLocal<>();
    private static final Map<Thread, ThreadState> BY_THREAD = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Thread, Fork> FORKS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Object INFO_LOCK = new Object();
    /** Guarded by INFO_LOCK for writers; readers see a consistent array through the volatile reference. */
    private static volatile ThreadInfo[] infos = new ThreadInfo[64];
    private static int nextTid = 1;
    private static final int CACHE = 64;

    final int tid;
    final ThreadInfo info;
    private final VectorClock clock = new VectorClock();
    /** This thread's current epoch, {@code clock[tid]@tid}. */
    long epoch;
    private final Object[] cacheKeys = new Object[CACHE];
    private final ObjectShadow[] cacheValues = new ObjectShadow[CACHE];

    /** The parent's clock and the creation stack, left by {@code Thread.start} for the child to pick up. */
    record Fork(SyncClock clock, List<StackTraceElement> site) {
    }

    private ThreadState(int tid, ThreadInfo info) {
        this.tid = tid;
        this.info = info;
        clock.set(tid, 1);
        epoch = Epoch.of(tid, 1);
    }

    static ThreadState current() {
        ThreadState s = CURRENT.get();
        return s != null ? s : create();
    }

    private static ThreadState create() {
        Thread me = Thread.currentThread();
        Fork fork = FORKS.remove(me);
        Goroutine g = Goroutine.current();
        ThreadState s;
        synchronized (INFO_LOCK) {
            int tid = nextTid++;
            var info = new ThreadInfo(tid, g, me, fork == null ? List.of() : fork.site());
            ThreadInfo[] a = infos;
            if (tid >= a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[tid] = info;
            infos = a;
            s = new ThreadState(tid, info);
        }
        CURRENT.set(s);
        BY_THREAD.put(me, s);
        if (fork != null) {
            fork.clock().acquire(s);
        }
        return s;
    }

    static ThreadInfo info(int tid) {
        ThreadInfo[] a = infos;
        return tid < a.length ? a[tid] : null;
    }

    /** Called by the parent just before {@code child.start()}. */
    static void forked(Thread child, SyncClock clock, List<StackTraceElement> site) {
        FORKS.put(child, new Fork(clock, site));
    }

    /** The state of {@code t}, if it ever met the detector. */
    static ThreadState of(Thread t) {
        return BY_THREAD.get(t);
    }

    VectorClock clock() {
        return clock;
    }

    /** Advances this thread's own clock: accesses after a release are distinguishable from those before it. */
    void tick() {
        int c = clock.get(tid) + 1;
        clock.set(tid, c);
        epoch = Epoch.of(tid, c);
    }

    /** The shadow of {@code o}, through a small direct-mapped cache in front of the global map. */
    ObjectShadow shadowOf(Object o) {
        int h = System.identityHashCode(o);
        int i = h & (CACHE - 1);
        if (cacheKeys[i] == o) {
            return cacheValues[i];
        }
        ObjectShadow s = ShadowMap.INSTANCE.get(o, h);
        cacheKeys[i] = o;
        cacheValues[i] = s;
        return s;
    }
}

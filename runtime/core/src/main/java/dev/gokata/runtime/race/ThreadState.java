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
    /**
     * Each thread's clock, for {@code join}. Only the clock: a dead thread's state (and the objects its caches hold)
     * must not stay reachable through this map while something keeps the Thread object.
     */
    private static final Map<Thread, Clock> BY_THREAD = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Thread, Fork> FORKS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Object INFO_LOCK = new Object();
    /** Guarded by INFO_LOCK for writers; readers see a consistent array through the volatile reference. */
    private static volatile ThreadInfo[] infos = new ThreadInfo[64];
    private static int nextTid = 1;
    /** Slots of dead threads, oldest first; guarded by INFO_LOCK. */
    private static final java.util.ArrayDeque<Integer> FREE = new java.util.ArrayDeque<>();
    /** Guarded by INFO_LOCK. */
    private static int createdSinceScan;
    /** Dead threads are looked for after this many creations. */
    private static final int SCAN_EVERY = 256;
    /**
     * A slot is recycled only while more than this many are free, oldest first: a new thread then looks ordered
     * after a thread that died long ago (a race between those two is missed, as Go's bounded history misses old
     * accesses), and a program with fewer goroutines than this never recycles at all.
     */
    private static final int MIN_FREE = 256;
    /** Bumped by {@link #reset()}: a state of an older generation is replaced on its thread's next call. */
    private static volatile int generation;
    private static final int CACHE = 64;
    private static final int FIELD_CACHE = 128;

    final int tid;
    final ThreadInfo info;
    private final int gen;
    private final VectorClock clock = new VectorClock();
    /** This thread's current epoch, {@code clock[tid]@tid}. */
    long epoch;
    /**
     * The call path ({@link CallStacks} node) of the instrumented code this thread runs: set by an instrumented caller
     * just before each call, put back after it, so an access finds its stack here. Touched by this thread only.
     */
    int node = CallStacks.ROOT;
    private final Object[] cacheKeys = new Object[CACHE];
    private final ObjectShadow[] cacheValues = new ObjectShadow[CACHE];
    private final Object[] fieldOwners = new Object[FIELD_CACHE];
    private final int[] fieldIds = new int[FIELD_CACHE];
    private final Shadow[] fieldShadows = new Shadow[FIELD_CACHE];

    /** A thread's vector clock, tagged with the generation it belongs to. */
    record Clock(int gen, VectorClock clock) {
    }

    /** The parent's clock and the creation stack, left by {@code Thread.start} for the child to pick up. */
    record Fork(SyncClock clock, List<StackTraceElement> site) {
    }

    private ThreadState(int tid, ThreadInfo info, int gen, int start) {
        this.tid = tid;
        this.info = info;
        this.gen = gen;
        clock.set(tid, start);
        epoch = Epoch.of(tid, start);
    }

    static ThreadState current() {
        ThreadState s = CURRENT.get();
        return s != null && s.gen == generation ? s : create();
    }

    private static ThreadState create() {
        Thread me = Thread.currentThread();
        Fork fork = FORKS.remove(me);
        Goroutine g = Goroutine.current();
        ThreadState s;
        synchronized (INFO_LOCK) {
            if (++createdSinceScan >= SCAN_EVERY) {
                createdSinceScan = 0;
                collectDeadSlots();
            }
            int tid;
            ThreadInfo previous = null;
            int start = 1;
            if (FREE.size() > MIN_FREE) {
                tid = FREE.poll();
                previous = infos[tid];
                start = previous.lastClock + 1;
            } else {
                tid = nextTid++;
            }
            var info = new ThreadInfo(tid, g, me, fork == null ? List.of() : fork.site(), start, previous);
            ThreadInfo[] a = infos;
            if (tid >= a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[tid] = info;
            infos = a;
            s = new ThreadState(tid, info, generation, start);
        }
        CURRENT.set(s);
        BY_THREAD.put(me, new Clock(s.gen, s.clock));
        if (fork != null) {
            fork.clock().acquire(s);
        }
        return s;
    }

    /** The thread that made epoch {@code clock@tid}: slots are recycled, so it may not be the slot's owner now. */
    static ThreadInfo info(int tid, int clock) {
        ThreadInfo[] a = infos;
        ThreadInfo i = tid < a.length ? a[tid] : null;
        return i == null ? null : i.at(clock);
    }

    /** Puts the slots of dead threads in the free list. Holds INFO_LOCK. */
    private static void collectDeadSlots() {
        ThreadInfo[] a = infos;
        for (int tid = 1; tid < nextTid && tid < a.length; tid++) {
            ThreadInfo i = a[tid];
            if (i != null && !i.freed && !i.alive()) {
                i.freed = true;
                FREE.add(tid);
            }
        }
    }

    /** Called by the parent just before {@code child.start()}. */
    static void forked(Thread child, SyncClock clock, List<StackTraceElement> site) {
        FORKS.put(child, new Fork(clock, site));
    }

    /** A task starts on this thread: if the thread is new to the detector, the task's hand-over is its creation. */
    static void taskStarting(SyncClock clock, List<StackTraceElement> site) {
        ThreadState s = CURRENT.get();
        if (s == null || s.gen != generation) {
            FORKS.put(Thread.currentThread(), new Fork(clock, site));
        }
    }

    /** The clock of {@code t} in the current generation, if it met the detector; read it only once {@code t} died. */
    static VectorClock clockOf(Thread t) {
        Clock c = BY_THREAD.get(t);
        return c != null && c.gen() == generation ? c.clock() : null;
    }

    /** Forgets every thread: slots restart at 1, so vector clocks shrink back. See {@link RaceDetector#reset()}. */
    static void reset() {
        synchronized (INFO_LOCK) {
            generation++;
            nextTid = 1;
            infos = new ThreadInfo[64];
            FREE.clear();
            createdSinceScan = 0;
        }
        FORKS.clear();
        BY_THREAD.clear();
    }

    VectorClock clock() {
        return clock;
    }

    /** The generation this state belongs to: {@link #reset()} starts a new one. */
    int gen() {
        return gen;
    }

    /** The current generation. */
    static int generation() {
        return generation;
    }

    /** Advances this thread's own clock: accesses after a release are distinguishable from those before it. */
    void tick() {
        int c = clock.get(tid) + 1;
        clock.set(tid, c);
        epoch = Epoch.of(tid, c);
        info.lastClock = c;
    }

    /**
     * The shadow of field {@code id} of {@code o}, through a direct-mapped per-thread cache: a hot loop over a few
     * fields then costs one identity hash and one compare per access. The cache keeps up to 128 objects alive while
     * this thread lives.
     */
    Shadow fieldShadow(Object o, int id) {
        int h = System.identityHashCode(o);
        int i = (h ^ (id * 0x9E3779B9)) & (FIELD_CACHE - 1);
        if (fieldOwners[i] == o && fieldIds[i] == id) {
            return fieldShadows[i];
        }
        Shadow s = shadowOf(o, h).field(id);
        fieldOwners[i] = o;
        fieldIds[i] = id;
        fieldShadows[i] = s;
        return s;
    }

    /** The shadow of {@code o}, through a small direct-mapped cache in front of the global map. */
    ObjectShadow shadowOf(Object o) {
        return shadowOf(o, System.identityHashCode(o));
    }

    private ObjectShadow shadowOf(Object o, int h) {
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

package dev.gokata.runtime.race;

import dev.gokata.runtime.Goroutine;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * What a race report needs to know about a thread slot after the thread is gone: its goroutine id, whether it has
 * finished, and where it was created. Small, kept for every slot ever given out.
 */
final class ThreadInfo {
    private static final int MAX_HISTORY = 16;

    final int tid;
    final long goroutineId;
    /** The slot's clock when this thread took it: its epochs are at least this. */
    final int startClock;
    /** This thread's own clock after its last tick (written by the thread only), so a recycled slot starts past it. */
    volatile int lastClock;
    /** The thread that had this slot before (epochs below {@code startClock}), or null; a short chain. */
    private final ThreadInfo previous;
    /** True once the slot was put back in the free list; guarded by ThreadState's registry lock. */
    boolean freed;
    private final Goroutine goroutine;
    private final WeakReference<Thread> thread;
    private final List<StackTraceElement> forkSite;

    ThreadInfo(int tid, Goroutine goroutine, Thread thread, List<StackTraceElement> forkSite, int startClock,
               ThreadInfo previous) {
        this.tid = tid;
        this.startClock = startClock;
        this.lastClock = startClock;
        this.previous = trim(previous);
        this.goroutineId = goroutine.id();
        this.goroutine = goroutine;
        this.thread = new WeakReference<>(thread);
        this.forkSite = forkSite;
    }

    private static ThreadInfo trim(ThreadInfo previous) {
        int depth = 0;
        for (ThreadInfo i = previous; i != null; i = i.previous) {
            if (++depth >= MAX_HISTORY) {
                return null; // old enough: reports about it say goroutine 0
            }
        }
        return previous;
    }

    /** The thread of this slot that made epoch {@code clock}. */
    ThreadInfo at(int clock) {
        ThreadInfo i = this;
        while (i != null && i.startClock > clock) {
            i = i.previous;
        }
        return i;
    }

    /** True while the thread may still run: a dead thread's slot can be given to a new one. */
    boolean alive() {
        Thread t = thread.get();
        return t != null && t.isAlive();
    }

    boolean finished() {
        Thread t = thread.get();
        return goroutine.finished() || t == null || !t.isAlive();
    }

    /** The stack of the {@code go} statement (or {@code Thread.start}) that created this thread; may be empty. */
    List<StackTraceElement> createdAt() {
        List<StackTraceElement> g = goroutine.createdAt();
        return g.isEmpty() ? forkSite : g;
    }
}

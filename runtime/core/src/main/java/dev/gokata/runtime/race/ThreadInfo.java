package dev.gokata.runtime.race;

import dev.gokata.runtime.Goroutine;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * What a race report needs to know about a thread slot after the thread is gone: its goroutine id, whether it has
 * finished, and where it was created. Small, kept for every slot ever given out.
 */
final class ThreadInfo {
    final int tid;
    final long goroutineId;
    private final Goroutine goroutine;
    private final WeakReference<Thread> thread;
    private final List<StackTraceElement> forkSite;

    ThreadInfo(int tid, Goroutine goroutine, Thread thread, List<StackTraceElement> forkSite) {
        this.tid = tid;
        this.goroutineId = goroutine.id();
        this.goroutine = goroutine;
        this.thread = new WeakReference<>(thread);
        this.forkSite = forkSite;
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

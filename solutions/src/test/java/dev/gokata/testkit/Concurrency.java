package dev.gokata.testkit;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A probe that proves concurrency without timing: a kata's instrumented sections call {@link #enter()} and
 * {@link #exit()}, and the test reads how many were inside at once ({@link #peak()}), how many ran, and on how many
 * threads. {@link #awaitOverlap} lets a section wait until others have joined it, so overlap is forced rather than
 * hoped for: a solution that runs the sections one after the other makes it time out instead.
 *
 * <p>Implementation note: every counter is guarded by this object's monitor; {@code awaitOverlap} waits on the
 * monitor and {@code enter} notifies all. The probe's locking is invisible to gokata's race detector (which sees only
 * the runtime's primitives and the student's classes), so it never hides a race in the student's code. A waiting
 * section is not a goroutine parked in a runtime primitive, so the deadlock detector does not count it; every wait
 * has a timeout.
 */
public final class Concurrency {
    private final Set<Long> threads = ConcurrentHashMap.newKeySet();
    private int inside; // guarded by this
    private int peak; // guarded by this
    private int entries; // guarded by this

    /** Marks the start of an instrumented section on the calling thread. */
    public synchronized void enter() {
        inside++;
        entries++;
        peak = Math.max(peak, inside);
        threads.add(Thread.currentThread().threadId());
        notifyAll();
    }

    /** Marks the end of an instrumented section. */
    public synchronized void exit() {
        if (inside == 0) {
            throw new IllegalStateException("Concurrency.exit() without a matching enter()");
        }
        inside--;
        notifyAll();
    }

    /** Runs {@code body} as an instrumented section. */
    public void section(Runnable body) {
        enter();
        try {
            body.run();
        } finally {
            exit();
        }
    }

    /** Runs {@code body} as an instrumented section and returns its result. */
    public <T> T section(Supplier<T> body) {
        enter();
        try {
            return body.get();
        } finally {
            exit();
        }
    }

    /**
     * Waits until at least {@code n} sections are inside at the same time, or {@code timeout} passes; true if they
     * were. Called from inside a section, it holds that section open until the others arrive.
     */
    public synchronized boolean awaitOverlap(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inside < n && peak < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The most sections that were inside at the same time. */
    public synchronized int peak() {
        return peak;
    }

    /** How many sections are inside now. */
    public synchronized int inside() {
        return inside;
    }

    /** How many sections have been entered in total. */
    public synchronized int entries() {
        return entries;
    }

    /** On how many distinct threads (goroutines) sections ran. */
    public int threads() {
        return threads.size();
    }
}

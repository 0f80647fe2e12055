package dev.gokata.runtime;

import dev.gokata.runtime.race.Race;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

/**
 * Go's {@code sync.Pool}: a cache of reusable objects; {@link #get()} returns a pooled one or makes a new one.
 *
 * <p>Implementation note. A lock-free {@link ConcurrentLinkedDeque} used as a stack: {@code put} pushes, {@code get}
 * pops the most recently returned object (it is the likeliest to be warm in a cache), or calls the New function
 * when the pool is empty. Deviation from Go: Go's pool drops its objects at garbage collections and keeps per-P
 * caches; this pool never drops an object and has one shared stack, so sequential get/put always reuse.
 * As in Go, {@code put(null)} is ignored, and a pool without a New function returns null when empty.
 *
 * <p>Race hooks: each pooled object travels with the clock of the goroutine that put it; the goroutine that gets it
 * acquires that clock, so the previous user's writes to the object happen before the next user's.
 */
public final class Pool<T> {
    private final Supplier<? extends T> newFn;
    private final ConcurrentLinkedDeque<Slot<T>> items = new ConcurrentLinkedDeque<>();

    private record Slot<T>(T item, Object clock) {
    }

    /** A pool whose {@code New} function is {@code newFn}; null for a pool whose get returns null when empty. */
    public Pool(Supplier<? extends T> newFn) {
        this.newFn = newFn;
    }

    /** A pooled object if there is one, otherwise the result of the New function. */
    public T get() {
        Slot<T> slot = items.pollFirst();
        if (slot == null) {
            return newFn == null ? null : newFn.get();
        }
        if (Race.ENABLED) {
            Race.acquire(slot.clock());
        }
        return slot.item();
    }

    /** Returns {@code x} to the pool for reuse; null is ignored. */
    public void put(T x) {
        if (x == null) {
            return;
        }
        items.addFirst(new Slot<>(x, Race.ENABLED ? Race.release(null) : null));
    }
}

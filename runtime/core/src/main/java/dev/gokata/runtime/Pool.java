package dev.gokata.runtime;

import java.util.function.Supplier;

/**
 * Go's {@code sync.Pool}: a cache of reusable objects; {@link #get()} returns a pooled one or makes a new one.
 * TODO(runtime-sync): the implementation; this is the agreed surface.
 */
public final class Pool<T> {
    private final Supplier<? extends T> newFn;

    /** A pool whose {@code New} function is {@code newFn}. */
    public Pool(Supplier<? extends T> newFn) {
        this.newFn = newFn;
    }

    /** A pooled object if there is one, otherwise the result of the New function. */
    public T get() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Returns {@code x} to the pool for reuse. */
    public void put(T x) {
        throw new UnsupportedOperationException("not built yet");
    }
}

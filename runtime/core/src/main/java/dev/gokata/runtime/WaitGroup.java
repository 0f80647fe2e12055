package dev.gokata.runtime;

/**
 * Go's {@code sync.WaitGroup}: waits for a collection of goroutines to finish. Every {@link #done()} happens before
 * the {@link #await()} it releases returns. TODO(runtime-sync): the implementation; this is the agreed surface.
 */
public final class WaitGroup {

    /** Adds {@code delta} (which may be negative) to the counter; @throws GoPanic {@code sync: negative WaitGroup counter}. */
    public void add(int delta) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Decrements the counter by one. */
    public void done() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Blocks until the counter is zero: Go's {@code Wait} (Java reserves {@code wait()}). */
    public void await() {
        throw new UnsupportedOperationException("not built yet");
    }
}

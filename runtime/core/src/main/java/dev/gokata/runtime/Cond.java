package dev.gokata.runtime;

/**
 * Go's {@code sync.Cond}: goroutines wait on it for a condition, holding its Locker around the check.
 * Signal and broadcast may be called with or without the lock held.
 * TODO(runtime-sync): the implementation; this is the agreed surface.
 */
public final class Cond {
    private final Locker l;

    /** Go's {@code sync.NewCond(l)}. */
    public Cond(Locker l) {
        this.l = l;
    }

    /** The Locker held while observing or changing the condition: Go's {@code c.L}. */
    public Locker l() {
        return l;
    }

    /** Unlocks l, waits for a signal or broadcast, and locks l again before returning: Go's {@code Wait}. */
    public void await() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Wakes the goroutine that has waited longest, if any. */
    public void signal() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Wakes every waiting goroutine. */
    public void broadcast() {
        throw new UnsupportedOperationException("not built yet");
    }
}

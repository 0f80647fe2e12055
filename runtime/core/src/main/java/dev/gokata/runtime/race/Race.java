package dev.gokata.runtime.race;

/**
 * The happens-before hooks the runtime calls for the race detector; with the detector off they compile to nothing.
 *
 * <p>Contract for callers (the runtime's primitives): guard every call with {@code if (Race.ENABLED)}, which the JIT
 * folds away when the detector is off. A <em>sync clock</em> is an opaque object owned by the detector:
 * <ul>
 *   <li>{@link #release(Object)} joins the calling goroutine's clock into {@code into} (a fresh clock when null),
 *       advances the caller's own epoch, and returns the sync clock to keep (store it back in your field);</li>
 *   <li>{@link #acquire(Object)} joins a sync clock into the calling goroutine's clock; null does nothing.</li>
 * </ul>
 * Both are safe to call concurrently on the same sync clock.
 */
public final class Race {
    /** Set with {@code -Dgokata.race=true} at JVM start; a constant, so disabled hooks cost nothing. */
    public static final boolean ENABLED = Boolean.getBoolean("gokata.race");

    private Race() {
    }

    /** Publishes the calling goroutine's history into {@code into} (or a fresh clock) and returns it. */
    public static Object release(Object into) {
        if (!ENABLED) {
            return into;
        }
        SyncClock clock = into == null ? new SyncClock() : (SyncClock) into;
        clock.release(ThreadState.current());
        return clock;
    }

    /** Makes everything published into {@code from} happen before the calling goroutine's next step. */
    public static void acquire(Object from) {
        if (ENABLED && from != null) {
            ((SyncClock) from).acquire(ThreadState.current());
        }
    }
}

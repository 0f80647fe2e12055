package dev.gokata.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * Go's {@code time.Ticker}: sends the time on {@link #c()} every period, dropping ticks a slow receiver misses.
 * TODO(runtime-channels): the implementation; this is the agreed public surface.
 */
public final class Ticker {

    private Ticker() {
    }

    /** A ticker with the given period: Go's {@code time.NewTicker}. */
    public static Ticker newTicker(Duration period) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The channel the ticks are sent on (capacity 1). */
    public RecvChan<Instant> c() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Turns the ticker off; no more ticks are sent. */
    public void stop() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Stops the ticker and restarts it with a new period. */
    public void reset(Duration period) {
        throw new UnsupportedOperationException("not built yet");
    }
}

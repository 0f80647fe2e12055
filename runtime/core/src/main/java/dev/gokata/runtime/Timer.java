package dev.gokata.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * Go's {@code time.Timer}: fires once, either by sending the time on {@link #c()} or by calling a function in its
 * own goroutine ({@link Go#afterFunc}). A pending timer keeps the deadlock detector quiet, as in Go.
 * TODO(runtime-channels): the implementation; this is the agreed public surface.
 */
public final class Timer {

    private Timer() {
    }

    /** A timer that sends the current time on its channel after {@code d}: Go's {@code time.NewTimer}. */
    public static Timer newTimer(Duration d) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** A timer that calls {@code f} in its own goroutine after {@code d}: Go's {@code time.AfterFunc}. */
    public static Timer afterFunc(Duration d, Runnable f) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The channel the time is sent on (capacity 1, so the timer never blocks); a nil channel for afterFunc timers. */
    public RecvChan<Instant> c() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Prevents the timer from firing; true if this call stopped it, false if it had already fired or been stopped. */
    public boolean stop() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Makes the timer fire after {@code d} from now; true if it had been active. */
    public boolean reset(Duration d) {
        throw new UnsupportedOperationException("not built yet");
    }
}

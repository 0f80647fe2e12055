package dev.gokata.runtime;

import dev.gokata.runtime.race.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * Go's {@code time.Ticker}: sends the time on {@link #c()} every period, dropping ticks a slow receiver misses.
 *
 * <p>Implementation note: a fixed-rate task on {@link Timers}' queue offers the time to a channel of capacity 1
 * (Go's {@code sendTime}: a tick that finds the buffer full is dropped). A running ticker is a pending timer for the
 * deadlock detector ({@code timerStarted} when started, {@code timerDone} when stopped), as in Go.
 * {@code pending} is guarded by {@code this}.
 */
public final class Ticker {
    private final Program program;
    private final Chan<Instant> c = Chan.make(1);
    private ScheduledFuture<?> pending;

    private Ticker() {
        this.program = Goroutine.current().program();
    }

    /** A ticker with the given period: Go's {@code time.NewTicker}; panics if the period is not positive. */
    public static Ticker newTicker(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new GoPanic("non-positive interval for NewTicker");
        }
        var t = new Ticker();
        t.start(period);
        return t;
    }

    /** The channel the ticks are sent on (capacity 1). */
    public RecvChan<Instant> c() {
        return c;
    }

    /** Turns the ticker off; no more ticks are sent. */
    public synchronized void stop() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
            program.timerDone();
        }
    }

    /** Stops the ticker and restarts it with a new period. */
    public synchronized void reset(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new GoPanic("non-positive interval for Ticker.Reset");
        }
        stop();
        start(period);
    }

    private synchronized void start(Duration period) {
        program.timerStarted();
        Object clock = Race.ENABLED ? Race.release(null) : null;
        pending = Timers.every(() -> c.offerFromTimer(Instant.now(), clock), period.toNanos());
    }
}

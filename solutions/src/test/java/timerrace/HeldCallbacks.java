package timerrace;

import dev.gokata.runtime.Go;
import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.Program;
import dev.gokata.testkit.Goroutines;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@code System.out} for one call of run that holds back what the timer's callbacks print until the goroutine that
 * called run waits for them in the runtime (parked in a receive, say), or has returned, and counts what they print
 * after it returned. A run that waits for a callback it knows is on its way (stop() returned false) parks and lets
 * it print; one that ignores it, sleeps instead, or returns, finds it still holding its line.
 *
 * <p>Implementation note: a write of another goroutine of the caller's program polls with the runtime's sleep (the
 * deadlock detector sees a sleeper) for at most {@code hold}; what other programs' threads print goes to the stream
 * this one replaced, as in {@code Stdout}. {@code bytes} is guarded by this object's monitor, never held while
 * holding back.
 */
final class HeldCallbacks extends OutputStream {
    private final Goroutine caller;
    private final Duration hold;
    private final PrintStream previous;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(); // guarded by this
    private final AtomicInteger late = new AtomicInteger();
    private volatile boolean returned;

    private HeldCallbacks(Goroutine caller, Duration hold, PrintStream previous) {
        this.caller = caller;
        this.hold = hold;
        this.previous = previous;
    }

    /**
     * Runs {@code run} with {@code System.out} replaced by held callbacks; then sleeps {@code timers}, longer than any
     * timer run may have left armed, and waits up to {@code settle} for the goroutines it started to end; restores
     * {@code System.out}, and returns how many writes came after {@code run} returned.
     */
    static int lateWrites(Runnable run, Duration hold, Duration timers, Duration settle) {
        var held = new HeldCallbacks(Goroutine.current(), hold, System.out);
        var baseline = Goroutines.baseline();
        System.setOut(new PrintStream(held, true, StandardCharsets.UTF_8));
        try {
            try {
                run.run();
            } finally {
                held.returned = true;
            }
            Go.sleep(timers);
            baseline.settle(settle);
        } finally {
            System.setOut(held.previous);
        }
        return held.late.get();
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        boolean ours = Program.of(Thread.currentThread()).filter(p -> p.within(caller.program())).isPresent();
        if (!ours) {
            previous.write(b, off, len);
            return;
        }
        if (Thread.currentThread() != caller.thread()) {
            Goroutines.pollUntil(() -> returned || Goroutines.blockedIn(caller).isPresent(), hold);
        }
        synchronized (this) {
            bytes.write(b, off, len);
        }
        if (returned) {
            late.incrementAndGet();
        }
    }
}

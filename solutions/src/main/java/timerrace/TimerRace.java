package timerrace;

import static dev.gokata.runtime.Go.*;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Timer;
import java.time.Duration;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A timer that re-arms itself at random intervals until a time budget is spent. The callback goroutine only tells
 * the main goroutine that it fired; the main goroutine alone touches the timer: share memory by communicating.
 */
public class TimerRace {
    private final Duration budget;
    private final Supplier<Duration> randomDuration;
    private Timer t;

    /** A program that runs for {@code budget}, re-arming its timer with durations from {@code randomDuration}. */
    public TimerRace(Duration budget, Supplier<Duration> randomDuration) {
        this.budget = budget;
        this.randomDuration = randomDuration;
    }

    /** Prints the elapsed time (in ms) each time the timer fires, until the budget is spent; leaves nothing running. */
    public void run() {
        long start = System.nanoTime();
        // Capacity 1: a callback that fires after the loop has ended can still send, and its goroutine ends.
        Chan<Boolean> reset = Chan.make(1);
        t = afterFunc(randomDuration.get(), () -> {
            System.out.println((System.nanoTime() - start) / 1_000_000 + "ms");
            reset.send(true);
        });
        while (System.nanoTime() - start < budget.toNanos()) {
            reset.recv();
            t.reset(randomDuration.get());
        }
        if (!t.stop()) {
            reset.recv(); // it fired as the loop ended: wait for its callback, so nothing outlives run
        }
    }

    public static void main(String[] args) {
        var random = new Random();
        new TimerRace(Duration.ofSeconds(5), () -> Duration.ofMillis(random.nextInt(1000))).run();
    }
}

package timerrace;

import static dev.gokata.runtime.Go.*;

import dev.gokata.runtime.Timer;
import java.time.Duration;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A timer that re-arms itself at random intervals until a time budget is spent.
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
        t = afterFunc(randomDuration.get(), () -> {
            System.out.println((System.nanoTime() - start) / 1_000_000 + "ms");
            t.reset(randomDuration.get());
        });
        sleep(budget);

        // TODO: identify the data race, fix the issue.
        // The main goroutine writes t = afterFunc(...); the callback goroutine reads t in t.reset(...). If the first
        // duration is tiny, the callback runs before main has assigned t. Let the callback only tell the main
        // goroutine that it fired (a channel), and let the main goroutine alone reset the timer until the budget is
        // spent. When run returns, no timer and no callback goroutine may be left behind.
    }

    public static void main(String[] args) {
        var random = new Random();
        new TimerRace(Duration.ofSeconds(5), () -> Duration.ofMillis(random.nextInt(1000))).run();
    }
}

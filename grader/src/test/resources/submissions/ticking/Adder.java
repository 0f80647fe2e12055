package adder;

import static dev.gokata.runtime.Go.afterFunc;

import dev.gokata.runtime.Timer;
import java.time.Duration;

/**
 * Right sums, but each call leaves a timer that prints {@code tick} and arms itself again, for ever; and it marks
 * the JVM it ran in (the echo kata's submission looks for the mark).
 */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        System.setProperty("adder.ticking", "yes");
        Timer[] timer = new Timer[1];
        timer[0] = afterFunc(Duration.ofMillis(5), () -> {
            System.out.println("tick");
            timer[0].reset(Duration.ofMillis(5));
        });
        int s = 0;
        for (int x : xs) {
            s += x;
        }
        return s;
    }
}

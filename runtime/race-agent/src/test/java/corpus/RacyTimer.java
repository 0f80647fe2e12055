package corpus;

import static dev.gokata.runtime.Go.afterFunc;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Timer;
import java.time.Duration;

/**
 * The 05-race starter: main assigns the timer while its callback goroutine reads it. The callback then reports on a
 * channel, so that main waits for it; that send comes after the read, so it orders nothing about the write.
 */
public class RacyTimer {
    Timer t;

    public static void main(String[] args) {
        var h = new RacyTimer();
        Chan<Boolean> fired = Chan.make();
        h.t = afterFunc(Duration.ofMillis(1), () -> { // RACE
            boolean set = h.t != null; // RACE
            fired.send(set);
        });
        System.out.println("timer was set when it fired: " + fired.recv());
        h.t.stop();
    }
}

package corpus;

import static dev.gokata.runtime.Go.afterFunc;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Timer;
import java.time.Duration;

/**
 * The 05-race solution: the callback only sends on a channel; main alone touches the timer. (A new timer per round
 * rather than {@code t.reset}: see docs/race-detector.md, "Known runtime issue".)
 */
public class SafeTimer {
    Timer t;
    int fired;

    public static void main(String[] args) {
        var h = new SafeTimer();
        Chan<Boolean> reset = Chan.make(1);
        for (int i = 0; i < 4; i++) {
            h.t = afterFunc(Duration.ofMillis(1), () -> reset.send(true));
            reset.recv();
            h.fired++;
        }
        h.t.stop();
        System.out.println(h.fired);
    }
}

package corpus;

import static dev.gokata.runtime.Go.afterFunc;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Timer;
import java.time.Duration;

/** The 05-race solution: the callback only sends on a channel; main alone touches and resets the timer. */
public class SafeTimer {
    Timer t;
    int fired;

    public static void main(String[] args) {
        var h = new SafeTimer();
        Chan<Boolean> reset = Chan.make(1);
        h.t = afterFunc(Duration.ZERO, () -> reset.send(true));
        for (int i = 0; i < 3; i++) {
            reset.recv();
            h.fired++;
            h.t.reset(Duration.ofMillis(1));
        }
        reset.recv();
        h.t.stop();
        System.out.println(h.fired);
    }
}

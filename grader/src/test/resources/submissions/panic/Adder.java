package adder;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Go;
import java.time.Duration;

/** Panics: a goroutine sends on the channel it has just closed (main sleeps meanwhile, so it is no deadlock). */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        Chan<Integer> partial = Chan.make();
        go(() -> {
            partial.close();
            partial.send(xs.length);
        });
        Go.sleep(Duration.ofSeconds(1));
        return 0;
    }
}

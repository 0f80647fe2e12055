package multiplex;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Go.sleep;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Select;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Kata "Select: multiplex two channels": receive from whichever channel is ready first. */
public final class Multiplex {
    private Multiplex() {
    }

    /**
     * Starts two senders: after {@code d1} one sends {@code "one"} on ch1, after {@code d2} the other sends
     * {@code "two"} on ch2. Returns both messages in the order they arrived, each received as soon as it was sent.
     */
    public static List<String> multiplex(Duration d1, Duration d2) {
        Chan<String> ch1 = Chan.make();
        Chan<String> ch2 = Chan.make();
        go(() -> {
            sleep(d1);
            ch1.send("one");
        });
        go(() -> {
            sleep(d2);
            ch2.send("two");
        });
        var received = new ArrayList<String>();
        for (int i = 0; i < 2; i++) {
            Select.select()
                    .recv(ch1, received::add)
                    .recv(ch2, received::add)
                    .run();
        }
        return received;
    }

    public static void main(String[] args) {
        multiplex(Duration.ofSeconds(1), Duration.ofSeconds(2)).forEach(System.out::println);
    }
}

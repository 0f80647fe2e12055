package timeout;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Go.sleep;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Select;
import java.time.Duration;

/** Kata "Select: a timeout": wait for a message, but not forever. */
public final class Timeout {
    private Timeout() {
    }

    /**
     * Starts a sender that sends {@code "one"} after {@code senderDelay}, and waits for its message at most
     * {@code timeout}: returns the message, or {@code "timeout"} if it did not come in time. The sender must be able
     * to finish even when nobody waits for its message any more.
     */
    public static String receive(Duration senderDelay, Duration timeout) {
        Chan<String> ch = Chan.make(1);
        go(() -> {
            sleep(senderDelay);
            ch.send("one");
        });
        var result = new String[1];
        Select.select()
                .recv(ch, m -> result[0] = m)
                .after(timeout, () -> result[0] = "timeout")
                .run();
        return result[0];
    }

    public static void main(String[] args) {
        System.out.println(receive(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}

package nonblocking;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Go.sleep;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.RecvChan;
import dev.gokata.runtime.Select;
import dev.gokata.runtime.SendChan;
import java.time.Duration;

/** Kata "Select: a non-blocking receive": take a message if one is waiting, otherwise carry on at once. */
public final class NonBlocking {
    private NonBlocking() {
    }

    /** Returns the message waiting on {@code ch}, or {@code "no message received"} at once if there is none. */
    public static String poll(RecvChan<String> ch) {
        var result = new String[1];
        Select.select()
                .recv(ch, m -> result[0] = m)
                .orDefault(() -> result[0] = "no message received")
                .run();
        return result[0];
    }

    /**
     * The course's program: a producer sends {@code "message"} three times, sleeping {@code sendEvery} before each
     * send; main polls twice, printing the result and {@code processing..}, and works for {@code processing} after
     * each poll. When main is done it closes {@code done}, which stops the producer.
     */
    public static void run(Duration sendEvery, Duration processing) {
        Chan<String> ch = Chan.make();
        Chan<Void> done = Chan.make();
        go(() -> produce(ch, done, sendEvery));
        for (int i = 0; i < 2; i++) {
            System.out.println(poll(ch));
            System.out.println("processing..");
            sleep(processing);
        }
        done.close();
    }

    /**
     * Sends {@code "message"} three times, sleeping {@code every} before each send; stops early once {@code done} is
     * closed.
     */
    static void produce(SendChan<String> ch, RecvChan<Void> done, Duration every) {
        for (int i = 0; i < 3; i++) {
            sleep(every);
            var stopped = new boolean[1];
            Select.select()
                    .send(ch, "message", () -> { })
                    .recv(done, v -> stopped[0] = true)
                    .run();
            if (stopped[0]) {
                return;
            }
        }
    }

    public static void main(String[] args) {
        run(Duration.ofSeconds(1), Duration.ofMillis(1500));
    }
}

package buffered;

import static dev.gokata.runtime.Go.go;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Received;
import dev.gokata.testkit.Sandbox;
import dev.gokata.testkit.Stdout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hidden tests of the kata "A buffered channel". The producer runs alone, as the only goroutine of a
 * {@link Sandbox} program: with too small a buffer its send blocks with nobody to receive, and Go's deadlock verdict
 * says so at once (no timing involved).
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/buffered/), and the untouched starter (unbuffered):
 * <ul>
 *   <li>{@code capacity-off-by-one}: {@code Chan.make(count - 1)}; the producer alone blocks on its last send.</li>
 *   <li>{@code fixed-capacity-six}: {@code Chan.make(6)}; right for {@code main}, blocks for 7 or more values;</li>
 *   <li>{@code fixed-capacity-100}: {@code Chan.make(100)}, a capacity that looks large enough, whatever the count;
 *       blocks for 150 or 1000 values;</li>
 *   <li>{@code fixed-capacity-1024}: {@code Chan.make(1024)}, larger than any count but the last; blocks for 10 007
 *       values.</li>
 *   <li>{@code nil-channel-for-zero}: {@code Chan.nil()} for a count of 0; the producer's close panics with
 *       {@code close of nil channel}.</li>
 * </ul>
 */
@Timeout(10)
class BufferedTest {
    private static final Duration LIMIT = Duration.ofSeconds(2);

    @ParameterizedTest(name = "{0} values")
    @ValueSource(ints = {0, 1, 6, 7, 20, 150, 1000, 10_007})
    void theProducerSendsEveryValueWithNoConsumerRunning(int count) {
        Chan<Integer> ch = Buffered.newChannel(count);
        List<String> sent = Stdout.capture(() -> Sandbox.runToExit(() -> Buffered.produce(ch, count), LIMIT,
                "with no consumer running, the producer blocked on one of its " + count + " sends: a send on an "
                        + "unbuffered or full channel waits for a receiver. newChannel(" + count + ") returned a "
                        + "channel of capacity " + ch.cap() + "; give it room for all " + count + " values, whatever"
                        + " the count (no fixed size is ever enough)"));
        assertEquals(count, sent.size(), "the producer printed " + sent);
        assertEquals(count, ch.len(), "after the producer finished alone, the buffer should hold all " + count
                + " values");
        var received = new ArrayList<Integer>();
        for (int v : ch) {
            received.add(v);
        }
        assertEquals(IntStream.range(0, count).boxed().toList(), received,
                "a buffered channel is a FIFO queue: the values should come out in the order they were sent");
        Received<Integer> after = ch.recvOk();
        assertFalse(after.ok(), "the channel should be closed once drained");
    }

    @Test
    void mainReceivesEveryValueInOrderAfterItWasSent() {
        assertRoomFor(6);
        var captured = Stdout.captureResult(() -> Sandbox.runToExit(() -> Buffered.main(new String[0]), LIMIT,
                "main deadlocked"));
        Sandbox.assertNoLeaks(captured.value(), Duration.ofMillis(500), "main returned, but the producer goroutine "
                + "is still running");
        List<String> lines = captured.lines();
        List<String> received = lines.stream().filter(l -> l.startsWith("Received: ")).toList();
        assertEquals(IntStream.range(0, 6).mapToObj(i -> "Received: " + i).toList(), received,
                "main should receive 0 to 5 in order; it printed " + lines);
        for (int i = 0; i < 6; i++) {
            int sending = lines.indexOf("Sending: " + i);
            assertTrue(sending >= 0 && sending < lines.indexOf("Received: " + i),
                    "'Sending: " + i + "' should be printed before 'Received: " + i + "'; main printed " + lines);
        }
        assertEquals(12, lines.size(), "main should print 6 Sending and 6 Received lines; it printed " + lines);
    }

    @Test
    void aConsumerRunningAlongsideReceivesEveryValueInOrder() {
        int count = 50;
        assertRoomFor(count);
        Chan<Integer> ch = Buffered.newChannel(count);
        Chan<List<Integer>> result = Chan.make(1);
        Stdout.capture(() -> Sandbox.runToExit(() -> {
            go(() -> {
                var got = new ArrayList<Integer>();
                for (int v : ch) {
                    got.add(v);
                }
                result.send(got);
            });
            Buffered.produce(ch, count);
            assertEquals(IntStream.range(0, count).boxed().toList(), result.recv(),
                    "with a consumer running at the same time, values must still arrive in FIFO order");
        }, LIMIT, "producer and consumer deadlocked"));
    }

    /** The lesson in one line: without room for every value, the producer cannot run ahead of the consumer. */
    private static void assertRoomFor(int count) {
        int cap = Buffered.newChannel(count).cap();
        assertTrue(cap >= count, "newChannel(" + count + ") made a channel of capacity " + cap + ": the producer "
                + "would block on send #" + (cap + 1) + " until a consumer runs. Make room for all " + count
                + " values");
    }
}

package rangechan;

import static dev.gokata.runtime.Go.go;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Outcome;
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
 * Hidden tests of the kata "Range over a closed channel". The student's code runs in a {@link Sandbox} program, so a
 * missing close shows up as Go's deadlock verdict and the test can say what it means.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/rangechan/):
 * <ul>
 *   <li>{@code no-close}: the sender never closes. The range in {@code printAll} waits for a seventh value: the
 *       sandboxed {@code main} deadlocks with goroutine 1 in {@code [chan receive]}, and
 *       {@link #sendClosesTheChannelAfterTheLastValue} finds the channel still open.</li>
 *   <li>{@code counted-receives}: {@code printAll} receives exactly six times. Right for six values only:
 *       {@link #printAllStopsAtTheClose} gives it 0, 1 and 10 values.</li>
 *   <li>{@code timeout-receive}: {@code printAll} receives in a select with a one-second timeout and returns when
 *       it fires, so a slow sender loses its values: {@link #printAllWaitsAsLongAsTheChannelIsOpen} gives it an open
 *       channel nobody sends on, and it returns instead of waiting in a receive.</li>
 *   <li>{@code busy-wait}: {@code printAll} polls with a select and a default case: the output is right, but it
 *       burns a core while it waits; {@link #printAllWaitsAsLongAsTheChannelIsOpen} never sees it blocked.</li>
 * </ul>
 * Not a fixture: {@code send} that starts a goroutine to send and close, and returns at once. Main's output is
 * right; {@link #sendReturnsOnlyOnceAReceiverHasTakenEachValue} fails it in every run (given an unbuffered channel
 * nobody receives from, it returns instead of blocking), but {@link #sendClosesTheChannelAfterTheLastValue} passes
 * it whenever that goroutine wins the race, so its score varies.
 */
@Timeout(10)
class RangeTest {
    private static final Duration LIMIT = Duration.ofSeconds(2);
    private static final String NO_CLOSE = "the range loop in printAll never ended: goroutine 1 waits in "
            + "[chan receive] for a value after the last one, and no goroutine will ever send it. A range over a "
            + "channel ends only when the channel is closed: call ch.close() in send, after the last send";

    @Test
    void mainPrintsZeroToFiveInOrder() {
        var captured = Stdout.captureResult(() -> Sandbox.runToExit(() -> Range.main(new String[0]), LIMIT, NO_CLOSE));
        assertEquals(List.of("0", "1", "2", "3", "4", "5"), captured.lines(), "main should print 0 to 5, one per line");
        Sandbox.assertNoLeaks(captured.value(), Duration.ofMillis(500), "main returned, but the sender goroutine is "
                + "still running");
    }

    @ParameterizedTest(name = "{0} values")
    @ValueSource(ints = {0, 1, 10})
    void printAllStopsAtTheClose(int n) {
        Chan<Integer> ch = Chan.make(n);
        for (int i = 0; i < n; i++) {
            ch.send(i);
        }
        ch.close();
        List<String> lines = Stdout.capture(() -> Sandbox.runToExit(() -> Range.printAll(ch), LIMIT,
                "printAll blocked on a channel that holds " + n + " values and is closed: range over it "
                        + "(for (int v : ch)) instead of counting receives"));
        List<String> expected = IntStream.range(0, n).mapToObj(Integer::toString).toList();
        assertEquals(expected, lines, "given a closed channel holding " + expected + ", printAll should print "
                + "exactly those values and stop at the close: range over the channel instead of counting receives");
    }

    @ParameterizedTest(name = "{0} values")
    @ValueSource(ints = {0, 3, 6})
    void sendClosesTheChannelAfterTheLastValue(int n) {
        Chan<Integer> ch = Chan.make(n + 1);
        Range.send(ch, n);
        var received = new ArrayList<Integer>();
        while (ch.len() > 0) {
            received.add(ch.recv());
        }
        assertEquals(IntStream.range(0, n).boxed().toList(), received, "send(ch, " + n + ") should send 0 to "
                + (n - 1) + " in order");
        var last = new ArrayList<Received<Integer>>();
        Sandbox.runToExit(() -> last.add(ch.recvOk()), LIMIT, "send(ch, " + n + ") returned and left the channel "
                + "open: a receive after the last value waits forever, and so would every range over the channel. "
                + "Close it after the last send: ch.close()");
        assertFalse(last.getFirst().ok(), "send(ch, " + n + ") sent more than " + n + " values: "
                + last.getFirst().value() + " after the last one");
    }

    @Test
    void aReceiverRangingInAnotherGoroutineSeesEveryValueThenTheEnd() {
        Chan<Integer> ch = Chan.make();
        Chan<List<Integer>> result = Chan.make(1);
        Sandbox.runToExit(() -> {
            go(() -> {
                var got = new ArrayList<Integer>();
                for (int v : ch) {
                    got.add(v);
                }
                result.send(got);
            });
            Range.send(ch, 20);
            List<Integer> got = result.recv();
            assertEquals(IntStream.range(0, 20).boxed().toList(), got, "a receiver ranging over the channel got "
                    + got + " from send(ch, 20)");
        }, LIMIT, "send(ch, 20) sent its values on an unbuffered channel to a receiver that ranges over it, and then "
                + "everything stopped: the receiver's range waits for the close that never comes. Call ch.close() "
                + "after the last send");
    }

    @Test
    void printAllWaitsAsLongAsTheChannelIsOpen() {
        Chan<Integer> ch = Chan.make();
        var run = Stdout.captureResult(() -> Sandbox.run(() -> Range.printAll(ch), LIMIT)).value();
        switch (run.outcome()) {
            case Outcome.Deadlocked d -> {
            }
            case Outcome.Exited e -> fail("printAll returned while the channel was still open and no value had come. "
                    + "A sender may take as long as it likes: printAll should wait in a receive until the next value "
                    + "or the close, never give up after a timeout. Range over the channel: for (int v : ch)");
            case Outcome.TimedOut t -> fail("printAll, given an open channel that nobody sends on, was still running "
                    + "after " + LIMIT.toMillis() + " ms but never waited in a receive: it polls in a loop (a select "
                    + "with a default case, len(), a sleep) or waits with a timeout. Block in a receive instead: "
                    + "range over the channel, for (int v : ch), which waits as long as the sender takes and ends "
                    + "at the close");
            case Outcome.Panicked p -> fail("printAll panicked on an open channel:\n" + p.report(), p.cause());
        }
    }

    @Test
    void sendReturnsOnlyOnceAReceiverHasTakenEachValue() {
        Chan<Integer> ch = Chan.make();
        var run = Sandbox.run(() -> Range.send(ch, 3), LIMIT);
        switch (run.outcome()) {
            case Outcome.Deadlocked d -> {
            }
            case Outcome.Exited e -> fail("send(ch, 3) returned although nobody received from the unbuffered channel:"
                    + " it left its sends to another goroutine, which is still waiting, and returned before a single"
                    + " value was delivered. send itself should send each value, then close (main already runs it in"
                    + " a goroutine of its own: go(() -> send(ch, 6)))");
            case Outcome.TimedOut t -> fail("send(ch, 3), given an unbuffered channel that nobody receives from, was"
                    + " still running after " + LIMIT.toMillis() + " ms without waiting in a send: send each value"
                    + " with ch.send(i), which waits for a receiver");
            case Outcome.Panicked p -> fail("send(ch, 3) panicked:\n" + p.report(), p.cause());
        }
    }
}

package fanin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Go;
import dev.gokata.runtime.Received;
import dev.gokata.runtime.RecvChan;
import dev.gokata.testkit.Recv;
import dev.gokata.testkit.Sandbox;
import dev.gokata.testkit.Stdout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the fan-in kata (catalog §10.2): merge forwards every value of every input, nothing lost or
 * duplicated, as soon as it arrives, and closes its output only after every input is closed.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/fanin/):
 * <ul>
 *   <li>the untouched starter: merge throws, main prints nothing;</li>
 *   <li>{@code closes-after-first}: each forwarder closes the output when its own input is done: the output
 *       closes too early (values lost), and the second close panics {@code close of closed channel};</li>
 *   <li>{@code sequential-merge}: one goroutine ranges over the inputs one after the other: a value waiting on
 *       the second input is not forwarded while the first is idle;</li>
 *   <li>{@code never-closes}: forwards everything but never closes the output: ranging over it never ends.</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FanInTest {
    private static final Duration LIMIT = Duration.ofSeconds(3);

    private static List<Integer> sorted(List<Integer> values) {
        var copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }

    @Test
    void whenMainRuns_thenItPrints4And9InAnyOrder() {
        List<String> lines = Stdout.capture(() -> Sandbox.runToExit(() -> FanIn.main(new String[0]), LIMIT,
                "main's range over merge's output never ended, with every goroutine waiting: merge must close its"
                        + " output once every input is drained (count the forwarding goroutines with a WaitGroup, and"
                        + " let one more goroutine wait for them and close the output)"));

        assertEquals(List.of("4", "9"), lines.stream().sorted().toList(),
                "what main printed (4 and 9, in either order): " + lines);
    }

    @Test
    void givenTwoSquareStagesOnOneInput_whenMerged_thenEverySquareArrivesOnce() {
        RecvChan<Integer> in = FanIn.generator(IntStream.rangeClosed(1, 1000).toArray());

        List<Integer> values = Recv.drain(FanIn.merge(FanIn.square(in), FanIn.square(in)), LIMIT);

        assertEquals(IntStream.rangeClosed(1, 1000).map(n -> n * n).boxed().toList(), sorted(values),
                "merge of two squarers over 1..1000 must deliver every square exactly once");
    }

    @Test
    void givenTenInputs_whenMerged_thenEveryValueArrivesOnce() {
        @SuppressWarnings("unchecked")
        RecvChan<Integer>[] inputs = new RecvChan[10];
        for (int i = 0; i < 10; i++) {
            inputs[i] = FanIn.generator(IntStream.range(i * 100, i * 100 + 100).toArray());
        }

        List<Integer> values = Recv.drain(FanIn.merge(inputs), LIMIT);

        assertEquals(IntStream.range(0, 1000).boxed().toList(), sorted(values),
                "merge of ten channels of 100 values each must deliver all 1000 values exactly once");
    }

    @Test
    void givenNoInputs_whenMerged_thenTheOutputIsClosedAtOnce() {
        Optional<Received<Integer>> r = Recv.within(FanIn.merge(), Duration.ofSeconds(1));

        assertTrue(r.isPresent(), "merge() with no channels must close its output at once; it stayed open");
        assertFalse(r.get().ok(), "merge() with no channels must close its output, but sent " + r.get().value());
    }

    @Test
    void givenInputsClosingOneByOne_whenMerged_thenTheOutputClosesOnlyAfterTheLast() {
        Chan<Integer> a = Chan.make();
        Chan<Integer> b = Chan.make();
        RecvChan<Integer> out = FanIn.merge(a.recvOnly(), b.recvOnly());

        Go.go(() -> {
            a.send(1);
            a.close();
        });
        assertEquals(Optional.of(new Received<>(1, true)), Recv.within(out, LIMIT),
                "the value sent on the first input");
        Optional<Received<Integer>> early = Recv.within(out, Duration.ofMillis(50));
        assertTrue(early.isEmpty(), "merge's output was closed (or sent " + early.map(Received::value).orElse(null)
                + ") while the second input was still open: close it only after every input is closed");

        Go.go(() -> {
            b.send(2);
            b.close();
        });
        assertEquals(List.of(2), Recv.drain(out, LIMIT), "after the last input closed: its value, then the close");
    }

    @Test
    void givenAnIdleFirstInput_whenTheSecondSends_thenTheValueIsForwardedAtOnce() {
        Chan<Integer> idle = Chan.make();
        Chan<Integer> busy = Chan.make();
        RecvChan<Integer> out = FanIn.merge(idle.recvOnly(), busy.recvOnly());

        Go.go(() -> {
            busy.send(7);
            busy.close();
        });
        Optional<Received<Integer>> r = Recv.within(out, Duration.ofSeconds(1));
        idle.close();
        List<Integer> rest = Recv.drain(out, LIMIT);

        assertEquals(Optional.of(new Received<>(7, true)), r, "a value sent on the second input while the first "
                + "was idle was not forwarded: merge must read every input at the same time (a goroutine each)");
        assertEquals(List.of(), rest, "values after the first");
    }
}

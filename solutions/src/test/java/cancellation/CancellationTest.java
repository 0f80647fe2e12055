package cancellation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.RecvChan;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Recv;
import dev.gokata.testkit.Stdout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the cancellation kata (catalog §10.3): after the consumer takes one value and closes
 * {@code done}, every stage ends; upstream really stops producing; closing {@code done} before any read ends
 * everything too; without cancellation the pipeline still delivers every value.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/cancellation/):
 * <ul>
 *   <li>the untouched starter: nothing closes done and no stage looks at it: the stages leak;</li>
 *   <li>{@code ignores-done}: first closes done, but the stages still send without a select: they leak;</li>
 *   <li>{@code send-on-done}: the stages select on done, but first sends one value on it instead of closing it:
 *       one goroutine stops, the others leak (closing is the broadcast);</li>
 *   <li>{@code no-return}: the stages select on done but do not return, so they keep looping and keep producing
 *       to anyone still reading: a million-element generator does not stop.</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CancellationTest {
    private static final Duration SETTLE = Duration.ofMillis(500);

    private static void assertAllStagesEnded(Goroutines.Baseline baseline, String after) {
        baseline.assertAllEnded(SETTLE, after + ": every send must be a select that also waits on <-done, and the"
                + " stage must return when done is closed (a goroutine leak otherwise)");
    }

    @Test
    void whenFirstTakesOneValue_thenItIsASquareAndEveryStageEnds() {
        var baseline = Goroutines.baseline();

        int v = Cancellation.first(2, 3);

        assertTrue(Set.of(4, 9).contains(v), "first(2, 3) returned " + v + ", expected 4 or 9");
        assertAllStagesEnded(baseline, "first(2, 3) returned");
    }

    @Test
    void givenAThousandNumbers_whenFirstTakesOneValue_thenEveryBlockedStageEnds() {
        // repeated: in a lucky schedule only the generator holds a value when first cancels
        for (int round = 1; round <= 20; round++) {
            var baseline = Goroutines.baseline();

            int v = Cancellation.first(IntStream.rangeClosed(1, 1000).toArray());

            assertTrue(v > 0 && Math.sqrt(v) == Math.rint(Math.sqrt(v)), "first(1..1000) returned " + v
                    + ", expected a square");
            assertAllStagesEnded(baseline, "first(1..1000) returned (round " + round + " of 20), with the stages "
                    + "holding values to send (close done: sending one value on it stops only one goroutine)");
        }
    }

    @Test
    void givenAMillionNumbers_whenTheConsumerCancelsAfterOneValue_thenUpstreamStopsProducing() {
        var baseline = Goroutines.baseline();
        Chan<Void> done = Chan.make();
        RecvChan<Integer> in = Cancellation.generator(done, IntStream.rangeClosed(1, 1_000_000).toArray());
        RecvChan<Integer> out = Cancellation.merge(done, Cancellation.square(done, in), Cancellation.square(done, in));

        Integer v = out.recv();
        done.close();
        List<Integer> after = Recv.drain(out, Duration.ofSeconds(2));

        assertTrue(v != null && v > 0, "the first value of the pipeline: " + v);
        assertTrue(after.size() < 100, after.size() + " values still came out after done was closed: the stages "
                + "must stop producing (return) once done is closed");
        assertAllStagesEnded(baseline, "done was closed");
    }

    @Test
    void givenDoneClosedBeforeAnyRead_whenThePipelineIsBuilt_thenEveryStageEnds() {
        var baseline = Goroutines.baseline();
        Chan<Void> done = Chan.make();
        done.close();

        RecvChan<Integer> in = Cancellation.generator(done, IntStream.rangeClosed(1, 1000).toArray());
        Cancellation.merge(done, Cancellation.square(done, in), Cancellation.square(done, in));

        assertAllStagesEnded(baseline, "the pipeline was built with done already closed, and nobody read from it");
    }

    @Test
    void givenTenSquarers_whenDoneIsClosed_thenAllOfThemEnd() {
        var baseline = Goroutines.baseline();
        Chan<Void> done = Chan.make();
        RecvChan<Integer> in = Cancellation.generator(done, IntStream.rangeClosed(1, 1000).toArray());
        @SuppressWarnings("unchecked")
        RecvChan<Integer>[] squarers = new RecvChan[10];
        for (int i = 0; i < squarers.length; i++) {
            squarers[i] = Cancellation.square(done, in);
        }
        RecvChan<Integer> out = Cancellation.merge(done, squarers);

        out.recv();
        out.recv();
        done.close();

        assertAllStagesEnded(baseline, "done was closed once, for ten squarers (closing is a broadcast)");
    }

    @Test
    void givenNoCancellation_whenDrained_thenEverySquareArrivesOnce() {
        Chan<Void> done = Chan.make();
        RecvChan<Integer> in = Cancellation.generator(done, IntStream.rangeClosed(1, 500).toArray());

        var values = new ArrayList<>(Recv.drain(
                Cancellation.merge(done, Cancellation.square(done, in), Cancellation.square(done, in)),
                Duration.ofSeconds(3)));
        done.close();

        values.sort(null);
        assertEquals(IntStream.rangeClosed(1, 500).map(n -> n * n).boxed().toList(), values,
                "with done never closed, the pipeline must deliver every square of 1..500 exactly once");
    }

    @Test
    void whenMainRuns_thenItPrints4Or9() {
        List<String> lines = Stdout.capture(() -> Cancellation.main(new String[0]));

        assertTrue(lines.equals(List.of("4")) || lines.equals(List.of("9")), "main printed " + lines
                + ", expected one line: 4 or 9");
    }
}

package pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Go;
import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.RecvChan;
import dev.gokata.runtime.Select;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Sandbox;
import dev.gokata.testkit.Stdout;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the pipeline kata (catalog §10.1): generator and square are stages that run in their own
 * goroutines, keep the order, and close their outbound channel when done; composed they print 16 and 81.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/pipeline/):
 * <ul>
 *   <li>the untouched starter: the stages throw, main prints nothing;</li>
 *   <li>{@code never-closes}: the stages never close their channels, so the consumer's range never ends: the
 *       program deadlocks once everything is consumed;</li>
 *   <li>{@code no-goroutine}: generator sends on its unbuffered channel before returning, with no goroutine:
 *       nobody can receive yet, so it deadlocks;</li>
 *   <li>{@code collects-first}: square reads its whole input into a list before it returns a channel: not a
 *       stage; it cannot return before its input is closed and fails the "returns at once" test;</li>
 *   <li>{@code goroutine-per-number}: generator starts a goroutine for each number (and one that closes the channel
 *       once they have sent): the numbers arrive in the scheduler's order, which is often the right one; the
 *       goroutines started are counted before anything is received (with 4 numbers and with 1000);</li>
 *   <li>{@code closes-later}: generator's goroutine sends the numbers, and a timer closes the channel 2 s after
 *       generator returned, not the goroutine after its last send: every range ends, late; the channel is found
 *       still open once the goroutine has ended;</li>
 *   <li>{@code main-sleeps}: main ranges over the pipeline and prints in a goroutine of its own, and sleeps 1 s
 *       instead of waiting for it: the lines come out in time on a quiet machine. Each write of that goroutine
 *       waits until main waits for it (or returned); main sleeps, then returns.</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PipelineTest {
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final String GENERATOR_STUCK = "every goroutine was left waiting: generator must return its"
            + " channel at once, send the numbers from a goroutine of its own, and close the channel after the last"
            + " one (a range over a channel ends only when it is closed)";
    private static final String SQUARE_STUCK = "every goroutine was left waiting: square must return its channel"
            + " at once, send the squares from a goroutine of its own, and close its channel when its input is closed";
    private static final String PIPELINE_STUCK = "the pipeline stopped with every goroutine waiting: each stage must"
            + " return its channel at once, send from a goroutine of its own, and close its channel when it is done"
            + " (generator after its last number, square when its input is closed), so that the range of the next"
            + " stage ends";

    private static final String ONE_SENDER = "generator must start one goroutine, which sends the numbers one after"
            + " the other and then closes the channel (and square one, which does the same with the squares)."
            + " Goroutines started one per number send in whatever order the scheduler runs them, not in the order"
            + " given";

    private static List<Integer> drain(RecvChan<Integer> ch) {
        var values = new ArrayList<Integer>();
        for (Integer v : ch) {
            values.add(v);
        }
        return values;
    }

    /** Runs {@code body} as a program of its own, so that a deadlock fails with {@code onDeadlock} before Go's dump. */
    private static void inProgram(Runnable body, String onDeadlock) {
        Sandbox.runToExit(body, LIMIT, onDeadlock);
    }

    @Test
    void givenNumbers_whenGenerated_thenTheyArriveInOrderAndTheChannelIsClosed() {
        inProgram(() -> {
            var baseline = Goroutines.baseline();
            RecvChan<Integer> ch = Pipeline.generator(5, 1, 4, 1);
            int started = baseline.startedSince().size(); // nothing received yet: they are all still alive

            assertNotNull(ch, "generator returned no channel");
            assertTrue(started <= 1, "generator(5, 1, 4, 1) started " + started + " goroutines: " + ONE_SENDER);
            assertEquals(List.of(5, 1, 4, 1), drain(ch), "values received from generator(5, 1, 4, 1)");
            assertFalse(ch.recvOk().ok(), "generator's channel must stay closed after its last value");
        }, GENERATOR_STUCK);
    }

    @Test
    void givenNumbers_whenTheLastIsReceived_thenTheGeneratorsGoroutineHasClosedTheChannelWhenItEnds() {
        inProgram(() -> {
            var baseline = Goroutines.baseline();
            RecvChan<Integer> ch = Pipeline.generator(5, 1, 4, 1);
            for (int i = 0; i < 4; i++) {
                ch.recv();
            }

            List<Goroutine> alive = baseline.settle(LIMIT);
            if (!alive.isEmpty()) {
                fail(Goroutines.stillRunning("generator's goroutine had not ended " + LIMIT.toMillis() + " ms after"
                        + " its last number was received: it must close the channel and return", alive));
            }
            boolean[] closed = {false};
            Select.select().recvOk(ch, r -> closed[0] = !r.ok()).orDefault(() -> { }).run();
            assertTrue(closed[0], "generator's goroutine had ended, and its channel was still open: the goroutine"
                    + " that sends the numbers must close the channel itself, right after its last send (not a timer"
                    + " or another goroutine later on)");
        }, GENERATOR_STUCK);
    }

    @Test
    void givenNoNumbers_whenGenerated_thenTheChannelIsClosedAtOnce() {
        inProgram(() -> assertEquals(List.of(), drain(Pipeline.generator()),
                "generator() with no numbers must just close"), GENERATOR_STUCK);
    }

    @Test
    void givenAThousandNumbers_whenTheStagesAreBuilt_thenTheyReturnBeforeAnythingIsConsumed() {
        int[] nums = IntStream.rangeClosed(1, 1000).toArray();
        inProgram(() -> {
            int before = Go.numGoroutine();
            var baseline = Goroutines.baseline();

            RecvChan<Integer> out = Pipeline.square(Pipeline.generator(nums));

            assertTrue(Go.numGoroutine() >= before + 2, "building square(generator(1..1000)) started "
                    + (Go.numGoroutine() - before) + " goroutine(s): each stage must run in its own goroutine");
            int started = baseline.startedSince().size(); // nothing received yet: they are all still alive
            assertTrue(started <= 2, "building square(generator(1..1000)) started " + started + " goroutines, one "
                    + "for each stage expected: " + ONE_SENDER);
            List<Integer> values = drain(out);
            assertEquals(IntStream.rangeClosed(1, 1000).map(n -> n * n).boxed().toList(), values,
                    "square(generator(1..1000)) must send every square, in order");
        }, PIPELINE_STUCK);
    }

    @Test
    void givenAnInputChannel_whenSquared_thenOrderIsKeptAndTheOutputClosesWhenTheInputCloses() {
        inProgram(() -> {
            Chan<Integer> in = Chan.make();
            RecvChan<Integer> out = Pipeline.square(in.recvOnly());

            in.send(3);
            assertEquals(9, out.recv(), "square of 3");
            in.send(-4);
            assertEquals(16, out.recv(), "square of -4");
            in.close();

            assertFalse(out.recvOk().ok(), "square must close its output when its input is closed");
        }, SQUARE_STUCK);
    }

    @Test
    void givenAnEmptyInput_whenSquared_thenTheOutputIsClosed() {
        inProgram(() -> {
            Chan<Integer> in = Chan.make();
            in.close();

            assertEquals(List.of(), drain(Pipeline.square(in.recvOnly())), "square of a closed, empty channel");
        }, SQUARE_STUCK);
    }

    @Test
    void givenTwoAndThree_whenSquaredTwice_thenTheResultIs16And81() {
        inProgram(() -> assertEquals(List.of(16, 81),
                drain(Pipeline.square(Pipeline.square(Pipeline.generator(2, 3)))), "square(square(generator(2, 3)))"),
                PIPELINE_STUCK);
    }

    @Test
    void whenMainRuns_thenItPrints16And81() {
        List<String> lines = Stdout.capture(() -> inProgram(() -> Pipeline.main(new String[0]), PIPELINE_STUCK));

        assertEquals(List.of("16", "81"), lines, "what main printed");
    }

    @Test
    void givenMainPrintsFromAnotherGoroutine_whenItRuns_thenMainWaitsForThatGoroutine() {
        Set<String> mainDidNotWait = ConcurrentHashMap.newKeySet();
        List<String> lines = Stdout.capture(() -> inProgram(() -> {
            Goroutine main = Goroutine.current();
            var returned = new AtomicBoolean();
            var holding = new AtomicInteger();
            PrintStream captured = System.out;
            System.setOut(new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    holdUntilMainWaits();
                    captured.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    holdUntilMainWaits();
                    captured.write(b, off, len);
                }

                /** A goroutine other than main prints only once main waits (for it, we expect) or has returned. */
                private void holdUntilMainWaits() {
                    if (Goroutine.current() == main) {
                        return;
                    }
                    holding.incrementAndGet();
                    try {
                        Goroutines.pollUntil(() -> Goroutines.blockedIn(main).isPresent() || returned.get(), LIMIT);
                    } finally {
                        holding.decrementAndGet();
                    }
                    if (Goroutines.blockedIn(main).isEmpty()) {
                        mainDidNotWait.add(returned.get() ? "main returned before a goroutine had printed"
                                : "main kept running (or slept) for " + LIMIT.toMillis() + " ms while a goroutine"
                                        + " waited to print");
                    }
                }
            }, true));
            try {
                Pipeline.main(new String[0]);
            } finally {
                if (holding.get() > 0) { // read before returned is set: such a goroutine is still waiting
                    mainDidNotWait.add("main returned while a goroutine waited to print");
                }
                returned.set(true);
                System.setOut(captured);
            }
        }, PIPELINE_STUCK));

        assertTrue(mainDidNotWait.isEmpty(), mainDidNotWait + ": main must not end before the values are printed, and"
                + " a sleep does not wait for a goroutine. Print in main itself, ranging over the last stage (the"
                + " range ends when square closes its channel); or, if a goroutine of its own prints, wait for it"
                + " with a WaitGroup or a channel");
        assertEquals(List.of("16", "81"), lines, "what main printed before it returned");
    }
}

package withcancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.CancelableContext;
import dev.gokata.runtime.Context;
import dev.gokata.runtime.ContextError;
import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.Received;
import dev.gokata.runtime.RecvChan;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Recv;
import dev.gokata.testkit.Stdout;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the withcancel kata (catalog §12.1): consecutive values from 1; after cancel the generator's
 * goroutine ends and its channel is closed; cancel is idempotent; main prints 1 to 5 and leaks nothing.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/withcancel/):
 * <ul>
 *   <li>the untouched starter: the generator never looks at the context and stays blocked on its send;</li>
 *   <li>{@code ignores-ctx}: main cancels, but gen sends without a select: the goroutine leaks;</li>
 *   <li>{@code checks-err-only}: gen checks {@code ctx.err()} before each send, then blocks in a plain send that
 *       no one will receive: the goroutine leaks. Only if the cancel comes while it waits to send, so the tests that
 *       cancel first wait for that; main's own test may pass it, when main cancels before gen looks again;</li>
 *   <li>{@code no-close}: gen returns on cancel without closing its channel: a range over it never ends;</li>
 *   <li>{@code polls}: gen tries the send without waiting, then checks ctx.err(), then sleeps a millisecond, in a
 *       loop: it ends after cancel, but never waits in a select on ctx.done(); the tests that wait for the generator
 *       to wait see that;</li>
 *   <li>{@code no-break}: main cancels after the 5th value but keeps ranging, as Go's own example does. The
 *       generator's select may then pick the send of a 6th value, but here it is almost always parked already when
 *       the cancel comes, and returns, so main prints 1 to 5; the test that reads main's bytecode finds the range's
 *       receive reachable again after the cancel (the README asks for the break).</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GeneratorTest {
    private static final Duration SETTLE = Duration.ofMillis(500);
    /** How many values a generator with a buffered channel may leave in it when it ends (catalogue §12.1). */
    private static final int LEFT_IN_A_BUFFER = 3;

    private static void assertGeneratorEnded(Goroutines.Baseline baseline) {
        baseline.assertAllEnded(SETTLE, "cancel: the generator must select between the send and ctx.done(), and"
                + " return when done is closed");
    }

    /**
     * Waits until the generator's goroutine waits to send its next value, so that the cancel that follows finds it
     * there, whatever the schedule: a generator that checks ctx.err() and then sends stays blocked in that send.
     * Fails if it never waits there: a generator that polls (tries the send without waiting, sleeps, checks
     * ctx.err() again) keeps running or sleeping instead.
     */
    private static void awaitGeneratorWaiting(Goroutines.Baseline baseline) {
        List<Goroutine> started = baseline.startedSince();
        if (!Goroutines.pollUntil(() -> notWaiting(started).isEmpty(), Duration.ofSeconds(3))) {
            fail(Goroutines.stillRunning("the generator never waited in 3 s while nobody received its next value:"
                    + " it keeps trying the send and checking the context in turn (polling, a busy-wait). Wait in one"
                    + " select with two cases, the send of n and a receive from ctx.done(): it parks the goroutine"
                    + " until one of them is ready", notWaiting(started)));
        }
    }

    private static List<Goroutine> notWaiting(List<Goroutine> started) {
        return started.stream().filter(g -> !g.finished() && Goroutines.blockedIn(g).isEmpty()).toList();
    }

    @Test
    void givenAGenerator_whenRead_thenValuesStartAt1AndAreConsecutive() {
        CancelableContext ctx = Context.withCancel(Context.background());
        var baseline = Goroutines.baseline();
        RecvChan<Integer> ch = Generator.gen(ctx);

        for (int expected = 1; expected <= 100; expected++) {
            assertEquals(expected, ch.recv(), "value number " + expected + " of the generator");
        }
        awaitGeneratorWaiting(baseline);
        ctx.cancel();

        assertGeneratorEnded(baseline);
        assertClosedAfterItsBuffer(ch, "after cancel the generator must close its channel (in a finally), so that a"
                + " range over it ends");
    }

    @Test
    void givenAGenerator_whenCancelledAfter5_thenItEndsAndCancelIsIdempotent() {
        CancelableContext ctx = Context.withCancel(Context.background());
        var baseline = Goroutines.baseline();
        RecvChan<Integer> ch = Generator.gen(ctx);
        for (int i = 0; i < 5; i++) {
            ch.recv();
        }
        awaitGeneratorWaiting(baseline);

        ctx.cancel();
        ctx.cancel();

        assertEquals(Optional.of(ContextError.CANCELED), ctx.err(), "ctx.err() after cancel");
        assertEquals("context canceled", ctx.err().orElseThrow().getMessage());
        assertGeneratorEnded(baseline);
        assertClosedAfterItsBuffer(ch, "the channel must be closed once the generator has stopped");
    }

    /**
     * Receives what the ended generator left in its channel's buffer, if it gave it one (at most {@value
     * #LEFT_IN_A_BUFFER} values, as the catalogue allows), then expects the channel closed, so that a range ends.
     */
    private static void assertClosedAfterItsBuffer(RecvChan<Integer> ch, String message) {
        for (int i = 0; i <= LEFT_IN_A_BUFFER; i++) {
            Optional<Received<Integer>> r = Recv.within(ch, Duration.ofSeconds(1));
            if (r.isEmpty()) {
                fail(message + "; it was not closed (nothing came within 1 s)");
            }
            if (!r.get().ok()) {
                return;
            }
        }
        fail(message + "; it still gave values after " + LEFT_IN_A_BUFFER + " more receives");
    }

    @Test
    void givenAGeneratorWaitingToSend_whenItsParentContextIsCancelled_thenItEnds() {
        CancelableContext parent = Context.withCancel(Context.background());
        CancelableContext child = Context.withCancel(parent);
        var baseline = Goroutines.baseline();
        Generator.gen(child);
        awaitGeneratorWaiting(baseline);

        parent.cancel();

        assertGeneratorEnded(baseline);
        assertEquals(Optional.of(ContextError.CANCELED), child.err(), "cancelling a parent cancels its children");
    }

    @Test
    void whenMainRuns_thenItPrints1To5AndLeavesNoGoroutine() {
        var baseline = Goroutines.baseline();

        List<String> lines = Stdout.capture(() -> Generator.main(new String[0]));

        assertEquals(List.of("1", "2", "3", "4", "5"), lines, "what main printed");
        assertGeneratorEnded(baseline);
    }

    /**
     * main leaves its range after the 5th value (the README's break): a range that goes on after cancel() may still
     * get a 6th value, as the generator's select picks at random between its two ready cases, the send and
     * ctx.done(). A run rarely shows it (the generator is almost always parked in its select already when the cancel
     * comes, and the close of done wakes it with that case), so this reads main's bytecode: no receive that ran
     * before the cancel may run again after it.
     */
    @Test
    void whenMainCancels_thenItReceivesNoMore() throws IOException {
        List<String> again = ReceivesAfterCancel.in(Generator.class, "main");

        assertTrue(again.isEmpty(), "main goes on receiving from the generator after it called cancel() ("
                + String.join(", ", again) + " can run again after it): its range continues, and the generator's"
                + " select, with both the send of a 6th value and ctx.done() ready, may pick the send (Go picks at"
                + " random), and main prints 6. Leave the loop after the 5th value: if (n == 5) { break; }, and cancel"
                + " after the loop, in a finally");
    }
}

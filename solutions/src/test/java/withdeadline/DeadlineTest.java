package withdeadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the withdeadline kata (catalog §12.2): a deadline too close gives up at once; a far one lets the
 * result through; a deadline passing during the work abandons it; a caller that gives up before receiving the result
 * leaves no goroutine blocked on its send; {@code context deadline exceeded}.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/withdeadline/):
 * <ul>
 *   <li>the untouched starter: no deadline, no checks: the result always arrives, after the whole work;</li>
 *   <li>{@code no-precheck}: starts work it cannot finish in time and gives up only at the deadline;</li>
 *   <li>{@code sleep-ignores-ctx}: the work does not watch ctx.done(), so it runs to its end after the deadline;</li>
 *   <li>{@code plain-send}: the result is sent with a plain send: when the caller has given up, nobody receives it,
 *       and the goroutine stays blocked for ever;</li>
 *   <li>{@code no-close-after-result}: closes the channel when it gives up, not after sending the result: a range
 *       over it never ends.</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DeadlineTest {

    /** What compute's channel gave first, and after a result what it gave next (a close, if compute closed it). */
    private record Run(Optional<Received<Data>> received, Optional<Received<Data>> afterTheResult, long millis,
            List<String> lines) {
    }

    private static Run run(Context ctx, Duration estimate, Duration work) {
        long start = System.nanoTime();
        var captured = Stdout.captureResult(() -> {
            RecvChan<Data> ch = Deadline.compute(ctx, estimate, work);
            var first = Recv.within(ch, Duration.ofSeconds(2));
            long millis = (System.nanoTime() - start) / 1_000_000;
            var next = first.isPresent() && first.get().ok() ? Recv.within(ch, Duration.ofSeconds(1))
                    : Optional.<Received<Data>>empty();
            return new Run(first, next, millis, List.of());
        });
        Run r = captured.value();
        return new Run(r.received(), r.afterTheResult(), r.millis(), captured.lines());
    }

    /** After its result, compute closes the channel too (however it ends), so that a range over it ends. */
    private static void assertClosedAfterTheResult(Run r) {
        assertTrue(r.afterTheResult().isPresent() && !r.afterTheResult().get().ok(), "after the result, compute's"
                + " channel gave " + describe(r.afterTheResult()) + ": close it however compute ends (in a finally),"
                + " after the result too, so that a receiver's range over it ends");
    }

    /** What arrived on compute's channel, in words. */
    private static String describe(Optional<Received<Data>> received) {
        return received.map(r -> r.ok() ? "the result \"" + r.value().result() + "\"" : "the channel closed")
                .orElse("nothing in time");
    }

    @Test
    void givenADeadline5msAway_whenWorkNeeds500ms_thenItGivesUpAtOnce() {
        CancelableContext ctx = Context.withDeadline(Context.background(), Instant.now().plusMillis(5));
        try {
            Run r = run(ctx, Duration.ofMillis(500), Duration.ofMillis(500));

            assertTrue(r.received().isPresent(), "compute's channel was neither sent on nor closed within 2 s");
            assertFalse(r.received().get().ok(), "no result is expected when the deadline is too close, but compute"
                    + " sent " + describe(r.received()) + ": close the channel without sending");
            assertTrue(r.millis() < 250, "compute gave up after " + r.millis() + " ms: compare ctx.deadline() with "
                    + "now + estimate before starting, and give up at once");
            assertEquals(List.of("not sufficient time given, terminating"), r.lines(), "what compute printed");
        } finally {
            ctx.cancel();
        }
    }

    @Test
    void givenADeadline1sAway_whenWorkNeeds50ms_thenTheResultArrives() {
        CancelableContext ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(1));
        try {
            Run r = run(ctx, Duration.ofMillis(50), Duration.ofMillis(50));

            assertEquals("the result \"123\"", describe(r.received()), "what arrived on compute's channel when 50 ms of"
                    + " work fit in the 1 s before the deadline");
            assertTrue(r.millis() >= 45, "the result came after " + r.millis() + " ms, before the 50 ms of work");
            assertEquals(List.of(), r.lines(), "nothing is printed when the work completes");
            assertClosedAfterTheResult(r);
        } finally {
            ctx.cancel();
        }
    }

    @Test
    void givenNoDeadline_whenWorkIsDone_thenTheResultArrives() {
        Run r = run(Context.background(), Duration.ofMillis(20), Duration.ofMillis(20));

        assertEquals("the result \"123\"", describe(r.received()), "what arrived on compute's channel when ctx has no"
                + " deadline");
        assertClosedAfterTheResult(r);
    }

    @Test
    void givenADeadlinePassingDuringTheWork_whenComputing_thenTheWorkIsAbandoned() {
        CancelableContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(200));
        try {
            Run r = run(ctx, Duration.ofMillis(10), Duration.ofMillis(1500));

            assertTrue(r.received().isPresent() && !r.received().get().ok(),
                    "no result is expected when the deadline passes during the work, but compute's channel got "
                            + describe(r.received()));
            assertTrue(r.millis() < 900, "the work was abandoned only after " + r.millis() + " ms, the deadline "
                    + "was 200 ms: wait for the work in a select with ctx.done()");
            assertEquals(List.of("work cancelled"), r.lines(), "what compute printed");
            assertEquals(Optional.of(ContextError.DEADLINE_EXCEEDED), ctx.err(), "ctx.err() after the deadline");
            assertEquals("context deadline exceeded", ctx.err().orElseThrow().getMessage());
        } finally {
            ctx.cancel();
        }
    }

    /**
     * What a caller that gave up saw: compute's goroutines still alive, as a failure ("" if none); its last receive.
     */
    private record GaveUp(String leak, Optional<Received<Data>> last) {
    }

    @Test
    void givenACallerThatGaveUp_whenTheResultIsReady_thenTheWorkerDoesNotWaitForEver() {
        CancelableContext ctx = Context.withCancel(Context.background());
        var baseline = Goroutines.baseline();
        GaveUp r = Stdout.captureResult(() -> {
            RecvChan<Data> ch = Deadline.compute(ctx, Duration.ofMillis(10), Duration.ZERO);
            List<Goroutine> workers = baseline.startedSince();
            Awaitility.await("compute's goroutine does its work at once and waits to send the result")
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> workers.stream().allMatch(g -> g.finished() || g.waitReason().isPresent()));
            ctx.cancel(); // the caller gives up without receiving
            List<Goroutine> alive = baseline.settle(Duration.ofSeconds(1));
            String leak = alive.isEmpty() ? "" : Goroutines.stillRunning("compute's goroutine was still blocked"
                    + " sending its result 1 s after ctx was done, and nobody will ever receive it: a leaked goroutine."
                    + " Send the result in a select against ctx.done() too, as you wait for the work", alive);
            return new GaveUp(leak, Recv.within(ch, Duration.ofSeconds(1))); // the receive frees a blocked sender
        }).value();

        if (!r.leak().isEmpty()) {
            fail(r.leak());
        }
        assertEquals("the channel closed", describe(r.last()), "what compute's channel gave once compute had given"
                + " up: close it (in a finally) without sending");
    }

    @Test
    void whenMainRuns_thenItGivesUpAtOnce() {
        List<String> lines = Stdout.capture(() -> Deadline.main(new String[0]));

        assertEquals(List.of("not sufficient time given, terminating"), lines, "what main printed");
    }
}

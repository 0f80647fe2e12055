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
import dev.gokata.testkit.CallGraph;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Recv;
import dev.gokata.testkit.Stdout;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 *   <li>{@code polling-work}: works in a loop of 1 ms sleeps that asks ctx.err() each time: it gives up in time,
 *       but by polling the context hundreds of times instead of waiting in a select on ctx.done();</li>
 *   <li>{@code silent-send-abandon}: gives up the send when ctx is done without printing {@code work cancelled};</li>
 *   <li>{@code no-cancel-in-main}: main never cancels the context it made (found in main's compiled code).</li>
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
        var captured = Stdout.captureResult(() -> {
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
        });
        GaveUp r = captured.value();

        if (!r.leak().isEmpty()) {
            fail(r.leak());
        }
        assertEquals("the channel closed", describe(r.last()), "what compute's channel gave once compute had given"
                + " up: close it (in a finally) without sending");
        assertEquals(List.of("work cancelled"), captured.lines(), "what compute printed when ctx was done before"
                + " anyone received its result: giving up the send is giving up the work too, print work cancelled");
    }

    @Test
    void whenMainRuns_thenItGivesUpAtOnce() {
        List<String> lines = Stdout.capture(() -> Deadline.main(new String[0]));

        assertEquals(List.of("not sufficient time given, terminating"), lines, "what main printed");
    }

    /** A context that delegates to another and counts the calls of err() and done(). */
    private record CountingContext(Context inner, AtomicInteger asks) implements Context {
        @Override
        public RecvChan<Void> done() {
            asks.incrementAndGet();
            return inner.done();
        }

        @Override
        public Optional<ContextError> err() {
            asks.incrementAndGet();
            return inner.err();
        }

        @Override
        public Optional<Instant> deadline() {
            return inner.deadline();
        }

        @Override
        public Optional<Object> value(Object key) {
            return inner.value(key);
        }
    }

    /**
     * During 500 ms of work, compute asks its context for done() or err() only a few times (once per select): it
     * waits for the work and ctx.done() together in a select, and does not poll the context in a loop of sleeps.
     */
    @Test
    void givenLongWork_whenComputing_thenTheContextIsWaitedOnNotPolled() {
        CancelableContext parent = Context.withTimeout(Context.background(), Duration.ofSeconds(5));
        var asks = new AtomicInteger();
        try {
            Run r = run(new CountingContext(parent, asks), Duration.ofMillis(10), Duration.ofMillis(500));

            assertEquals("the result \"123\"", describe(r.received()), "what arrived on compute's channel when 500 ms"
                    + " of work fit in the 5 s before the deadline");
            assertTrue(asks.get() <= 10, "compute asked its context for done() or err() " + asks.get() + " times"
                    + " during 500 ms of work: it polled the context. Wait for the work and ctx.done() in one select"
                    + " (Select.select().after(work, ...).recv(ctx.done(), ...).run()): it wakes the moment either"
                    + " is ready, without asking again and again");
        } finally {
            parent.cancel();
        }
    }

    /**
     * Reads main's compiled code, and that of the methods, lambdas and nested classes of Deadline it calls (a helper that makes and
     * cancels the context, a {@code Runnable cancel = ctx::cancel} run in a finally), but not compute's: compute has
     * no context of main's to cancel.
     */
    @Test
    void whenMainRuns_thenItCancelsTheContextItMade() throws IOException {
        CallGraph graph = CallGraph.of(Deadline.class);
        long cancels = graph.methodsNamed("main").stream()
                .flatMap(main -> graph.callsReachableFrom(main, graph.methodsNamed("compute")).stream())
                .filter(c -> c.name().equals("cancel") && c.desc().equals("()V")).count();

        assertTrue(cancels > 0, "main never cancels the context it made with Context.withDeadline: cancel it"
                + " when main is done with it (try { ... } finally { ctx.cancel(); }, Go's defer cancel()), so that"
                + " its timer and resources are released at once rather than when the deadline passes");
    }
}

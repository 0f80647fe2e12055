package nonblocking;

import static dev.gokata.runtime.Go.go;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Go;
import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.Select;
import dev.gokata.runtime.WaitReason;
import dev.gokata.testkit.Sandbox;
import dev.gokata.testkit.Stdout;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the kata "Select: a non-blocking receive". That the first poll does not wait is proved without a
 * clock: the poll runs as the only goroutine of a {@link Sandbox} program, with no sender at all, so a poll that
 * blocks is a deadlock. A clock is used only to catch a poll that waits "a little" (a short timeout instead of a
 * default): the fastest of five polls must take under 25 ms, and the fastest of five rounds of 1000 polls too. A
 * timeout case never fires before its time, so a poll with a timeout of d takes at least d, and 1000 of them at
 * least 1000 d: any timeout of 25 µs or more fails for sure, while 1000 selects with a default case take about a
 * millisecond.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/nonblocking/), and the untouched starter:
 * <ul>
 *   <li>{@code blocking-receive}: a plain receive; with no sender it deadlocks.</li>
 *   <li>{@code short-timeout-instead-of-default}: a select with a 30 ms timeout; every empty poll takes 30 ms.</li>
 *   <li>{@code tiny-timeout-instead-of-default}: a select with a 10 ms timeout. A single poll passes for quick, but
 *       a round of polls is over its 25 ms after three.</li>
 *   <li>{@code micro-timeout-instead-of-default}: a select with a 100 µs timeout: too short for one poll to show,
 *       but 1000 polls take at least 100 ms (with 100 polls a round, as before, they took 10 ms and more, and
 *       passed or failed by the timers' latency). {@link #aPollNeverMeetsANonBlockingSend} also catches it without a
 *       clock: while the poll waits, a
 *       goroutine's non-blocking send finds it waiting and hands it a message, which a default case never allows.
 *       </li>
 * </ul>
 */
@Timeout(20)
class NonBlockingTest {
    private static final Duration LIMIT = Duration.ofSeconds(3);
    private static final int POLLS_PER_ROUND = 1000;
    private static final long ROUND_BUDGET_MILLIS = 25;
    private static final String BLOCKED = "poll blocked on a channel nobody sends on: with no message waiting it "
            + "must return \"no message received\" at once. A select with a default case never blocks: "
            + "Select.select().recv(ch, ...).orDefault(...).run()";

    @Test
    void pollingAnEmptyChannelReturnsAtOnce() {
        Chan<String> ch = Chan.make();
        Sandbox.runToExit(() -> {
            long fastest = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                String got = NonBlocking.poll(ch);
                fastest = Math.min(fastest, System.nanoTime() - start);
                assertEquals("no message received", got, "poll of an empty channel");
            }
            long millis = fastest / 1_000_000;
            assertTrue(millis < 25, "the fastest of five polls of an empty channel took " + millis + " ms: poll "
                    + "should not wait at all (a default case), not even a short timeout");
        }, LIMIT, BLOCKED);
    }

    /**
     * A timeout too short for one poll to show it still adds up: the fastest of five rounds of up to 1000 polls of
     * an empty channel must take under 25 ms (a round stops early once it is over). The verdict on a timeout case of
     * 25 µs or more is certain, as a timer never fires early: 1000 polls with a timeout of d take at least 1000 d.
     */
    @Test
    void manyPollsOfAnEmptyChannelAddUpToNoWait() {
        Chan<String> ch = Chan.make();
        Sandbox.runToExit(() -> {
            long budget = Duration.ofMillis(ROUND_BUDGET_MILLIS).toNanos();
            long fastest = Long.MAX_VALUE;
            int pollsInFastest = 0;
            for (int round = 0; round < 5; round++) {
                long start = System.nanoTime();
                int polls = 0;
                while (polls < POLLS_PER_ROUND && System.nanoTime() - start < budget) {
                    assertEquals("no message received", NonBlocking.poll(ch), "poll of an empty channel");
                    polls++;
                }
                long took = System.nanoTime() - start;
                if (took < fastest) {
                    fastest = took;
                    pollsInFastest = polls;
                }
            }
            assertTrue(fastest < budget, "the fastest of five rounds of up to " + POLLS_PER_ROUND + " polls of an "
                    + "empty channel took " + fastest / 1_000_000 + " ms for " + pollsInFastest + " polls, "
                    + String.format(Locale.ROOT, "%.1f", fastest / 1e6 / pollsInFastest) + " ms each: poll waits a "
                    + "little every time (a short timeout?), and in a loop that adds up. A poll should not wait at "
                    + "all: a select with a default case (orDefault) returns at once when no message is waiting");
        }, LIMIT, BLOCKED);
    }

    @Test
    void aWaitingMessageIsTaken() {
        Sandbox.runToExit(() -> {
            Chan<String> buffered = Chan.make(1);
            buffered.send("buffered");
            assertEquals("buffered", NonBlocking.poll(buffered), "poll of a channel holding a value");

            Chan<String> ch = Chan.make();
            Goroutine sender = go(() -> ch.send("message"));
            await().pollInSameThread().atMost(Duration.ofSeconds(2))
                    .until(() -> sender.waitReason().equals(Optional.of(WaitReason.CHAN_SEND)));
            assertEquals("message", NonBlocking.poll(ch), "poll of an unbuffered channel while a sender waits in "
                    + "its send: the receive case is ready, so the select takes it");
        }, LIMIT, "poll blocked although a message was waiting");
    }

    @Test
    void theCourseProgramPollsTwice() {
        // the course's 1 s and 1.5 s, scaled: the producer is ready at 50 ms, the second poll comes at 300 ms
        var captured = Stdout.captureResult(() -> Sandbox.runToExit(
                () -> NonBlocking.run(Duration.ofMillis(50), Duration.ofMillis(300)), LIMIT, BLOCKED));
        assertEquals(List.of("no message received", "processing..", "message", "processing.."), captured.lines(),
                "the first poll comes before the producer's first message, the second after it");
        Sandbox.assertNoLeaks(captured.value(), Duration.ofMillis(500), "run returned, but the producer is still "
                + "running");
    }

    /**
     * Two non-blocking operations can never meet: a send with a default case succeeds only if a receiver is already
     * waiting, and a poll with a default case never waits. So while a goroutine keeps offering messages with
     * non-blocking sends, a correct poll never gets one, for certain; a poll that waits, however briefly (a timeout
     * case), is a waiting receiver, and the sender soon finds it.
     */
    @Test
    void aPollNeverMeetsANonBlockingSend() {
        Chan<String> ch = Chan.make();
        Sandbox.runToExit(() -> {
            var stop = new AtomicBoolean();
            go(() -> {
                while (!stop.get()) {
                    Select.select().send(ch, "offered", () -> { }).orDefault(() -> { }).run();
                    Go.gosched();
                }
            });
            try {
                for (int i = 0; i < 2000; i++) {
                    String got = NonBlocking.poll(ch);
                    assertEquals("no message received", got, "poll #" + (i + 1) + " received a message from a "
                            + "goroutine that only offers them with a non-blocking send (a select with a default "
                            + "case), which succeeds only if a receiver is already waiting: so poll waited. A timeout "
                            + "case, however short, makes poll a waiting receiver. Do not wait at all: use a default "
                            + "case, Select.select().recv(ch, ...).orDefault(...).run()");
                }
            } finally {
                stop.set(true);
            }
        }, LIMIT, BLOCKED);
    }
}

package multiplex;

import static dev.gokata.runtime.Go.go;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.WaitReason;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Sandbox;
import dev.gokata.testkit.Stdout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the kata "Select: multiplex two channels". The course's 1 s and 2 s become tens of milliseconds;
 * the gap between the two senders (200 ms) are wide enough that a loaded machine does not reorder them.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/multiplex/), and the untouched starter:
 * <ul>
 *   <li>{@code sequential-receives}: {@code ch1.recv()} then {@code ch2.recv()}. The order is always one, two: the
 *       swapped-delay test fails, deterministically.</li>
 *   <li>{@code one-select}: a single select receives one message; the other sender stays blocked (a leak).</li>
 *   <li>{@code order-from-delays}: no select; compares d1 and d2 and receives the faster channel first. The order is
 *       right, but it waits in {@code [chan receive]} on one channel: the waits-in-a-select test fails.</li>
 *   <li>{@code busy-poll-default}: loops over a select with an empty default case until two messages came; it never
 *       parks, so it is never seen waiting in {@code [select]}.</li>
 *   <li>{@code timer-poll}: loops over a select with the two receive cases and a 1 ms {@code after} case until two
 *       messages came; it parks in {@code [select]}, but with a deadline (its thread is {@code TIMED_WAITING}), which
 *       a select without a timer never has. The same test fails a select that gives up after a fixed time.</li>
 *   <li>{@code after-channel-poll}: the same poll with a receive from a 1 ms {@code after} channel instead of an
 *       {@code after} case: the select has no deadline of its own, so it parks in {@code [select]} like one that
 *       waits, but its wait number changes at every tick while both senders still sleep.</li>
 * </ul>
 */
@Timeout(20)
class MultiplexTest {
    private static final Duration LIMIT = Duration.ofSeconds(3);
    private static final Duration GRACE = Duration.ofMillis(500);
    /** How long the test watches a parked receiver for wakes, well before either sender sends. */
    private static final Duration LOOK = Duration.ofMillis(100);

    @Test
    void theFasterChannelIsReceivedFirst() {
        assertEquals(List.of("one", "two"), multiplex(50, 400), "ch1 sends after 50 ms, ch2 after 400 ms");
    }

    @Test
    void swappingTheDelaysSwapsTheOrder() {
        assertEquals(List.of("two", "one"), multiplex(400, 50), "ch1 sends after 400 ms, ch2 after 50 ms, so "
                + "'two' is ready first: receive whichever channel is ready (a select with a case per channel), "
                + "not ch1 first and then ch2");
    }

    @Test
    void bothMessagesArriveOnceTheSlowerIsSent() {
        var timed = timedMultiplex(150, 150);
        assertEquals(Set.of("one", "two"), Set.copyOf(timed.messages()), "both messages, in either order");
        assertTrue(timed.millis() >= 140, "multiplex returned after " + timed.millis()
                + " ms, before the senders (150 ms) had sent");
    }

    @Test
    void mainPrintsOneThenTwo() {
        // main uses the course's 1 s and 2 s; the kata's method is what the other tests scale down
        var lines = Stdout.capture(() -> Sandbox.runToExit(() -> Multiplex.main(new String[0]), LIMIT,
                "main deadlocked"));
        assertEquals(List.of("one", "two"), lines, "main should print one, then two");
    }

    /**
     * While neither sender has sent, the receiver must be parked in a select on both channels. multiplex runs in a
     * goroutine of its own, and the test reads that goroutine's wait reason until it parks or returns: no clock
     * decides the verdict. A receive on one channel parks in {@code [chan receive]}; a select with a default case,
     * run in a loop, never parks (a busy-wait has no wait reason) and is only seen returning.
     */
    @Test
    void theReceiverWaitsInASelectOnBothChannels() {
        Sandbox.runToExit(() -> {
            Chan<List<String>> result = Chan.make(1);
            Goroutine receiver = go(() -> result.send(Multiplex.multiplex(Duration.ofMillis(300),
                    Duration.ofMillis(400))));
            var parked = new AtomicReference<Parked>();
            Goroutines.pollUntil(() -> Parked.now(receiver).map(p -> {
                parked.set(p);
                return true;
            }).orElse(receiver.finished()), Duration.ofSeconds(2));
            WaitReason waiting = parked.get() == null ? null : parked.get().reason();
            if (waiting != WaitReason.SELECT) {
                fail("before either sender had sent (after 300 and 400 ms), multiplex should wait in a select on "
                        + "both channels ([select]); " + notASelect(waiting));
            }
            if (parked.get().state() == Thread.State.TIMED_WAITING) {
                fail("before either sender had sent (after 300 and 400 ms), multiplex waited in a select with a "
                        + "timer case (after(...)): it either polls, waking at every tick to run the select again, "
                        + "or gives up on a sender that is slower than the timer, losing its message and leaving it "
                        + "blocked. Leave the timer out: a select with only the two receive cases parks until one of "
                        + "them is ready, however long the senders take");
            }
            var wakes = Goroutines.wakesWhileQuiet(receiver, LOOK, () -> sendersAsleep(receiver));
            if (wakes.isPresent()) {
                fail("before either sender had sent (after 300 and 400 ms), multiplex woke and waited again "
                        + wakes.getAsInt() + " times in " + LOOK.toMillis() + " ms: it polls, running its select in "
                        + "a loop with a timer channel (a receive from after(...)) that wakes it at every tick. Leave "
                        + "the timer out: a select with only the two receive cases parks until one of them is ready");
            }
            assertEquals(Set.of("one", "two"), Set.copyOf(result.recv()), "both messages, in either order");
        }, LIMIT, "multiplex deadlocked: every goroutine is waiting");
    }

    /** Whether both senders that {@code receiver} started are still sleeping: neither has sent, nor can wake it. */
    private static boolean sendersAsleep(Goroutine receiver) {
        var senders = receiver.program().goroutines().stream().filter(g -> g.parentId() == receiver.id()).toList();
        return senders.size() == 2 && senders.stream().allMatch(g -> g.waitReason().equals(Optional.of(
                WaitReason.SLEEP)));
    }

    /**
     * One look at a parked goroutine: its wait reason and its thread's state, read as one (the state is the same
     * before and after the reason), so that the verdict is about the wait that was seen. A receiver that polls with a
     * 1 ms timer is woken within the millisecond, and a second look taken later saw it running again.
     */
    private record Parked(WaitReason reason, Thread.State state) {
        /** {@code g} parked now (its thread waits, with or without a deadline) with a wait reason; else empty. */
        static Optional<Parked> now(Goroutine g) {
            var before = g.thread().getState();
            var reason = g.waitReason();
            var after = g.thread().getState();
            boolean waits = before == Thread.State.WAITING || before == Thread.State.TIMED_WAITING;
            return waits && before == after ? reason.map(r -> new Parked(r, before)) : Optional.empty();
        }
    }

    /** What waiting in {@code reason} (null: never parked) instead of {@code [select]} means, and what to do. */
    private static String notASelect(WaitReason reason) {
        if (reason == null) {
            return "it never parked: it kept polling the channels (a loop of selects with a default case is a "
                    + "busy-wait that burns a core). Leave out the default case: a select without one parks until "
                    + "one of its cases is ready";
        }
        String instead = reason == WaitReason.CHAN_RECEIVE ? ", a receive on one channel chosen in advance. Which "
                + "message comes first is for the channels to say, not for the delays" : "";
        return "it waited in [" + reason.text() + "]" + instead + ". Run a select with a receive case for each "
                + "channel, once per message";
    }

    private static List<String> multiplex(long d1, long d2) {
        return timedMultiplex(d1, d2).messages();
    }

    private record Timed(List<String> messages, long millis) {
    }

    /** Runs multiplex in a sandbox, timing the call itself (not the sandbox around it). */
    private static Timed timedMultiplex(long d1, long d2) {
        var result = new ArrayList<Timed>();
        var run = Sandbox.runToExit(() -> {
            long start = System.nanoTime();
            List<String> got = Multiplex.multiplex(Duration.ofMillis(d1), Duration.ofMillis(d2));
            result.add(new Timed(got, (System.nanoTime() - start) / 1_000_000));
        }, LIMIT, "multiplex deadlocked: every goroutine is waiting");
        List<String> got = result.getFirst().messages();
        assertEquals(2, got.size(), "multiplex should return both messages, it returned " + got
                + ": receive twice, each time from whichever channel is ready");
        Sandbox.assertNoLeaks(run, GRACE, "multiplex returned, but a sender is still blocked: every message sent "
                + "must be received");
        return result.getFirst();
    }
}

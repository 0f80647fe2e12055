package channel;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Go.sleep;
import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.WaitReason;
import dev.gokata.testkit.CallGraph;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Stdout;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the kata "A result out of a goroutine".
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/channel/):
 * <ul>
 *   <li>{@code no-goroutine}: computes in the caller. Fails {@link #theValueIsComputedInANewGoroutine}.</li>
 *   <li>{@code shared-variable-no-wait}: the goroutine writes a shared array, the caller returns it at once. Returns
 *       0 instead of the sum, and races.</li>
 *   <li>{@code shared-variable-and-sleep}: the same, but the caller sleeps 10 ms first. Correct by luck for a fast
 *       {@code op}; {@link #theCallerWaitsForASlowGoroutine} makes {@code op} slower than the sleep, and the race
 *       detector reports the unsynchronised read.</li>
 *   <li>{@code shared-array-waitgroup}: the goroutine writes a shared array and the caller joins it with a
 *       WaitGroup: the right value and no race, but no channel, and a variable shared with the goroutine. Fails
 *       {@link #theCallerWaitsOnAChannelWhileTheGoroutineComputes}.</li>
 *   <li>{@code done-signal-and-shared-array}: the goroutine writes a shared array and sends {@code true} on a
 *       {@code Chan<Boolean>}; the caller receives the signal and returns the array's value: it parks in a receive,
 *       but the value never travels on the channel. Fails {@link #theGoroutineSendsTheComputedValueItself}.</li>
 *   <li>{@code one-channel-for-all-calls}: a static channel shared by every call; one caller at a time gets the
 *       right value, but concurrent callers take each other's results. Fails
 *       {@link #aCallerWaitingForASlowResultDoesNotTakeAnotherCallsResult}.</li>
 * </ul>
 */
@Timeout(10)
class ComputeTest {

    @Test
    void mainPrintsTheComputedValue() {
        List<String> lines = Stdout.capture(() -> Compute.main(new String[0]));
        assertEquals(List.of("computed value 3"), lines,
                "main should print exactly one line, 'computed value 3' (1 + 2 computed in a goroutine)");
    }

    @Test
    void theValueIsComputedInANewGoroutine() {
        long caller = Goroutine.current().id();
        var computedIn = new AtomicLong(caller);
        int result = Compute.compute((a, b) -> {
            computedIn.set(Goroutine.current().id());
            return a + b;
        }, 20, 22);
        assertEquals(42, result, "compute(+, 20, 22) returned " + result);
        assertNotEquals(caller, computedIn.get(),
                "op ran in the caller's goroutine: keep the go(...) statement and compute the value inside it");
    }

    @Test
    void theCallerWaitsForASlowGoroutine() {
        int result = Compute.compute((a, b) -> {
            sleep(Duration.ofMillis(60));
            return a * b;
        }, 6, 7);
        assertEquals(42, result, "compute returned " + result + " before the goroutine had computed 6 * 7 = 42 "
                + "(op took 60 ms): receive the result from a channel; the receive waits until the goroutine sends");
    }

    @Test
    void manyCallersEachGetTheirOwnResult() {
        int callers = 50;
        Chan<int[]> results = Chan.make(callers);
        for (int i = 0; i < callers; i++) {
            int a = i;
            go(() -> results.send(new int[] {a, Compute.compute(Integer::sum, a, 1000)}));
        }
        for (int i = 0; i < callers; i++) {
            int[] r = results.recv();
            assertEquals(r[0] + 1000, r[1], "with " + callers + " goroutines calling compute at once, compute(+, "
                    + r[0] + ", 1000) returned " + r[1] + ": every call must wait for its own goroutine's result, sent "
                    + "on a channel made in that call, never through a shared variable");
        }
    }

    /**
     * Two calls at once: the first one's op is slow, it waits until the second call has returned (or 2 s passed);
     * the second call starts only once the first caller is parked in its receive. With a channel made in each call
     * each caller gets its own value; with one channel shared by all calls the first caller, the first in the
     * channel's queue of receivers, takes the second call's value, deterministically.
     */
    @Test
    void aCallerWaitingForASlowResultDoesNotTakeAnotherCallsResult() {
        var secondReturned = new AtomicBoolean();
        Chan<Integer> first = Chan.make(1);
        Goroutine slowCaller = go(() -> first.send(Compute.compute((a, b) -> {
            Goroutines.pollUntil(secondReturned::get, Duration.ofSeconds(2));
            return a + b;
        }, 1, 1)));
        Goroutines.pollUntil(() -> Goroutines.blockedIn(slowCaller).isPresent(), Duration.ofSeconds(2));
        int second;
        try {
            second = Compute.compute(Integer::sum, 10, 10);
        } finally {
            secondReturned.set(true);
        }
        int firstResult = first.recv();
        assertEquals(List.of(2, 20), List.of(firstResult, second), "compute(+, 1, 1), still waiting for its slow op,"
                + " returned " + firstResult + " and compute(+, 10, 10), called meanwhile, returned " + second
                + ": the calls took each other's results, so they share a channel. Make a new channel in every call"
                + " (Chan<Integer> ch = Chan.make(); inside compute, not a static field): then only that call's"
                + " goroutine sends on it");
    }

    /**
     * While op runs in the goroutine, the caller is parked in a channel receive ({@code chan receive}, or
     * {@code select}): op holds until the caller is parked in a blocking primitive of the runtime, or compute
     * returned, or 2 s passed, and records where the caller waited (nothing if compute returned first). A WaitGroup
     * join shows as {@code sync.WaitGroup.Wait}: the result then comes back through a variable both share.
     */
    @Test
    void theCallerWaitsOnAChannelWhileTheGoroutineComputes() {
        Goroutine caller = Goroutine.current();
        var returned = new AtomicBoolean();
        var ranInCaller = new AtomicBoolean();
        var callerWaited = new AtomicReference<Optional<WaitReason>>(Optional.empty());
        int result;
        try {
            result = Compute.compute((a, b) -> {
                if (Goroutine.current() == caller) {
                    ranInCaller.set(true);
                } else {
                    Goroutines.pollUntil(() -> Goroutines.blockedIn(caller).isPresent() || returned.get(),
                            Duration.ofSeconds(2));
                    callerWaited.set(Goroutines.blockedIn(caller));
                }
                return a + b;
            }, 20, 22);
        } finally {
            returned.set(true);
        }
        Optional<WaitReason> waited = callerWaited.get();
        assertFalse(ranInCaller.get(), "op ran in the caller's goroutine: keep the go(...) statement and compute the"
                + " value inside it");
        assertTrue(waited.filter(Set.of(WaitReason.CHAN_RECEIVE, WaitReason.SELECT)::contains).isPresent(),
                "while op ran in the goroutine, the caller "
                + waited.map(r -> "waited in [" + r.text() + "], not in a channel receive")
                        .orElse("never waited in a channel receive")
                + ": the result came back through a variable the caller shares with the goroutine. Make a channel"
                + " in compute (Chan.make()), send c on it in the goroutine (ch.send(c)) and return ch.recv(): the"
                + " receive waits for the value, and the value itself is the only thing the two share");
        assertEquals(42, result, "compute(+, 20, 22) returned " + result);
    }

    /**
     * The value itself travels on the channel. The caller's wait alone cannot show it (a channel used only as a
     * done signal, with the value left in a shared array, also parks the caller in a receive), so this reads
     * Compute's bytecode: some method (the goroutine's lambda) must compute op, box the int and send it, itself or
     * through the methods, lambdas and nested classes of Compute it calls (a helper that computes, or one that sends,
     * is the same goroutine's work).
     */
    @Test
    void theGoroutineSendsTheComputedValueItself() throws IOException {
        CallGraph graph = CallGraph.of(Compute.class);
        boolean sendsTheValue = graph.methods().stream()
                .anyMatch(m -> graph.callsReachableFrom(m).stream().map(ComputeTest::step).collect(toSet())
                        .containsAll(Set.of("applyAsInt", "valueOf", "send")));
        assertTrue(sendsTheValue, "no code in Compute sends the value op computed: the goroutine must send c"
                + " itself (ch.send(c) on a Chan<Integer>, in its lambda or in a method of Compute the lambda calls),"
                + " and compute must return what it receives. A channel that only signals \"done\" while the value"
                + " travels through a shared array or field is a shared variable again");
    }

    /** The step of sending the computed value that {@code call} is (op, boxing the int, a send), or "". */
    private static String step(CallGraph.Method call) {
        return switch (call.name()) {
            case "applyAsInt" -> "applyAsInt";
            case "valueOf" -> call.owner().equals("java/lang/Integer") ? "valueOf" : "";
            case "send" -> call.owner().startsWith("dev/gokata/runtime/") ? "send" : "";
            default -> "";
        };
    }
}

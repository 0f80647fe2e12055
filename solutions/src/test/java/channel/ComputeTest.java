package channel;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Go.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.WaitReason;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Stdout;
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
}

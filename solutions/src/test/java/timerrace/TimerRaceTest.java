package timerrace;

import static dev.gokata.runtime.Go.numGoroutine;
import static dev.gokata.runtime.Go.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.testkit.Stdout;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the timerrace kata (the course's 5 s budget and 0–1 s durations scaled to 200 ms and 0–20 ms):
 * the elapsed times printed grow, the run ends shortly after its budget, the worst case (a first duration of 0,
 * so the callback may run before the timer is even assigned) is survived, and nothing outlives run: no callback
 * goroutine blocked on its send, no timer still pending. The grader's race detector proves the callback never
 * touches the timer variable.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/timerrace/}):
 * <ul>
 *   <li>the untouched starter: the callback reads and resets {@code t} while main writes it (a data race, and a
 *       NullPointerException panic when it fires first), and it keeps firing after run returns;</li>
 *   <li>{@code unbuffered-no-stop}: the course's Go solution: an unbuffered channel and no {@code stop()}; the
 *       timer armed by the loop's last reset fires after run returns, and its callback blocks forever on the send
 *       (a leaked goroutine);</li>
 *   <li>{@code buffered-no-stop}: a buffer of 1 but no {@code stop()}; the callback no longer blocks, but the
 *       timer still fires, and prints, after run has returned.</li>
 * </ul>
 */
@Timeout(10)
class TimerRaceTest {
    private static final Duration BUDGET = Duration.ofMillis(200);
    private static final int MAX_MS = 20;
    /** Longer than any timer the loop could have left armed. */
    private static final Duration LEFTOVER = Duration.ofMillis(MAX_MS + 60);

    /** 0 ms first (the worst case), then seeded random durations from 0 to 20 ms. */
    private static Supplier<Duration> durations(long seed) {
        var random = new Random(seed);
        boolean[] first = {true};
        return () -> {
            if (first[0]) {
                first[0] = false;
                return Duration.ZERO;
            }
            return Duration.ofMillis(random.nextInt(MAX_MS + 1));
        };
    }

    @Test
    void printsGrowingElapsedTimesAndEndsAfterTheBudget() {
        Stdout.capture(new TimerRace(Duration.ofMillis(1), durations(0))::run); // warm up the timers
        assertNoTimerLeftArmed(); // so that the run checked below prints only its own lines
        var armings = new AtomicInteger();
        Supplier<Duration> durations = durations(1);
        long start = System.nanoTime();
        List<String> lines = Stdout.capture(() -> new TimerRace(BUDGET, () -> {
            armings.incrementAndGet();
            return durations.get();
        }).run());
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(!lines.isEmpty() && armings.get() >= 2, "the timer fired " + lines.size() + " times and was armed "
                + armings.get() + " times in a 200 ms budget with 0-20 ms durations: reset it each time it fires until"
                + " the budget is spent; output: " + lines);
        long last = -1;
        for (String line : lines) {
            assertTrue(line.matches("\\d+ms"), "each line is the elapsed time, like 42ms; got " + line);
            long ms = Long.parseLong(line.substring(0, line.length() - 2));
            assertTrue(ms >= last, "the elapsed times must grow; output: " + lines);
            last = ms;
        }
        assertTrue(tookMs >= BUDGET.toMillis(), "run returned after " + tookMs + " ms, before its 200 ms budget");
        assertTrue(tookMs < BUDGET.toMillis() + MAX_MS + 1000, "run took " + tookMs + " ms for a 200 ms budget:"
                + " stop re-arming the timer once the budget is spent");
    }

    @Test
    void nothingOutlivesRun() {
        for (int seed = 2; seed <= 4; seed++) {
            Stdout.capture(new TimerRace(BUDGET, durations(seed))::run);
            assertNoTimerLeftArmed();
            assertEquals(1, numGoroutine(), "after run returned, " + (numGoroutine() - 1) + " timer callback"
                    + " goroutine(s) were still alive, blocked sending on the channel: the timer armed by the last"
                    + " reset fired after the loop ended. Stop the timer when the loop ends, and give the channel a"
                    + " buffer of 1 so a callback that fires anyway can still send and end");
        }
    }

    /** Waits longer than any timer a run could have left armed, and fails if one printed meanwhile. */
    private static void assertNoTimerLeftArmed() {
        List<String> late = Stdout.capture(() -> sleep(LEFTOVER));
        assertEquals(List.of(), late, "a timer callback printed after run returned: the timer armed by the"
                + " loop's last reset was still pending. Stop it when the loop ends (and if stop() returns false,"
                + " it has fired: receive its message, so its callback is done before run returns)");
    }

    @Test
    void survivesManyShortRunsStartingWithTheWorstCase() {
        for (int run = 0; run < 20; run++) {
            Stdout.capture(new TimerRace(Duration.ofMillis(5), durations(100 + run))::run);
        }
    }
}

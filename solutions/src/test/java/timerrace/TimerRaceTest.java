package timerrace;

import static dev.gokata.runtime.Go.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.WaitReason;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Stdout;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the timerrace kata (the course's 5 s budget and 0–1 s durations scaled to 200 ms and 0–20 ms):
 * the elapsed times printed grow, the run ends shortly after its budget, the worst case (a first duration of 0,
 * so the callback may run before the timer is even assigned) is survived, and nothing outlives run: no callback
 * goroutine blocked on its send, no timer still pending, not even when the timer armed by the loop's last reset
 * fires before {@code stop()} can stop it. The grader's race detector proves the callback never touches the timer
 * variable.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/timerrace/}):
 * <ul>
 *   <li>the untouched starter: the callback reads and resets {@code t} while main writes it (a data race, and a
 *       NullPointerException panic when it fires first), and it keeps firing after run returns;</li>
 *   <li>{@code unbuffered-no-stop}: the course's Go solution: an unbuffered channel and no {@code stop()}; the
 *       timer armed by the loop's last reset fires after run returns, and its callback blocks forever on the send
 *       (a leaked goroutine);</li>
 *   <li>{@code buffered-no-stop}: a buffer of 1 but no {@code stop()}; the callback no longer blocks, but the
 *       timer still fires, and prints, after run has returned;</li>
 *   <li>{@code unbuffered-stop-ignored}: {@code t.stop()} whose result is ignored, on an unbuffered channel: when
 *       the last timer fired before stop, its callback blocks forever on the send. {@code
 *       aTimerThatFiresAsTheLoopEndsIsWaitedFor} arms the last timer with 0 ms, and the runtime fires a due timer
 *       before stop can stop it, so the callback blocks in every run (and
 *       {@link #aCallbackThatFiresAsTheLoopEndsHasPrintedWhenRunReturns}, which ends its timers alike, sees it
 *       print after run returned); the other tests end on a 20 ms timer, which stop stops, so they pass it in every
 *       run.</li>
 *   <li>{@code mutex-guarded}: the callback still resets {@code t}, now under a mutex that main holds while it
 *       assigns and stops it: no data race, but memory is still shared instead of communicated;
 *       {@link #onlyTheGoroutineThatCallsRunReArmsTheTimer} sees the callback draw the next duration;</li>
 *   <li>{@code buffered-stop-ignored}: a buffer of 1 and {@code t.stop()} whose result is ignored. Its callback never
 *       blocks; when the last timer fires as the loop ends, it prints while or just after run returns, as the
 *       schedule falls, and then ends. {@link #aCallbackThatFiresAsTheLoopEndsHasPrintedWhenRunReturns} holds its
 *       line until run's goroutine waits for it, which it never does, so it prints after run returned in every
 *       run;</li>
 *   <li>{@code stop-ignored-sleep-drain}: the same, but run sleeps 5 ms after {@code stop()} and then drains the
 *       channel without waiting: the held callback has not sent by then, and prints after run returned.</li>
 * </ul>
 * Not a fixture: a goroutine of its own receives and resets while main sleeps through the budget and then stops
 * the timer, which that goroutine may re-arm at the same moment. {@link #onlyTheGoroutineThatCallsRunReArmsTheTimer}
 * fails it in every run (that goroutine draws the durations), but whether the timer outlives run depends on the
 * schedule, so other tests' verdicts on it vary.
 */
@Timeout(10)
class TimerRaceTest {
    private static final Duration BUDGET = Duration.ofMillis(200);
    private static final int MAX_MS = 20;
    /** The end of a budget where {@link #durations} arms no short timer, so that the one armed last is pending. */
    private static final Duration LAST_STRETCH = Duration.ofMillis(5);
    /** Longer than any timer the loop could have left armed. */
    private static final Duration LEFTOVER = Duration.ofMillis(MAX_MS + 60);

    /**
     * 0 ms first (the worst case), then seeded random durations from 0 to 20 ms, and 20 ms from the last
     * {@link #LAST_STRETCH} of {@code budget} on: the timer armed last is still pending when the loop ends, so a run
     * that does not stop it leaves it to fire after run returned, and one that stops it stops it, every time.
     */
    private static Supplier<Duration> durations(long seed, Duration budget) {
        var random = new Random(seed);
        long lastStretch = Math.min(LAST_STRETCH.toNanos(), budget.toNanos() / 2);
        long randomUntil = System.nanoTime() + budget.toNanos() - lastStretch;
        boolean[] first = {true};
        return () -> {
            if (first[0]) {
                first[0] = false;
                return Duration.ZERO;
            }
            if (System.nanoTime() - randomUntil >= 0) {
                return Duration.ofMillis(MAX_MS);
            }
            return Duration.ofMillis(random.nextInt(MAX_MS + 1));
        };
    }

    @Test
    void printsGrowingElapsedTimesAndEndsAfterTheBudget() {
        // Warm up the timers. No budget: run arms one 20 ms timer and ends, and one that does not stop it is told now.
        Stdout.capture(new TimerRace(Duration.ZERO, () -> Duration.ofMillis(MAX_MS))::run);
        assertNoTimerLeftArmed(); // so that the run checked below prints only its own lines
        var armings = new AtomicInteger();
        Supplier<Duration> durations = durations(1, BUDGET);
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
            var baseline = Goroutines.baseline();
            Stdout.capture(new TimerRace(BUDGET, durations(seed, BUDGET))::run);
            assertNoTimerLeftArmed();
            List<Goroutine> alive = baseline.startedSince();
            if (!alive.isEmpty()) {
                fail(Goroutines.stillRunning("after run returned, " + alive.size() + " timer callback goroutine(s)"
                        + " were still alive, blocked sending on the channel: the timer armed by the last reset fired"
                        + " after the loop ended. Stop the timer when the loop ends, and if stop() returns false,"
                        + " receive its message (a buffer of 1 also keeps a callback that fires anyway from blocking"
                        + " forever)", alive));
            }
        }
    }

    /** Waits longer than any timer a run could have left armed, and fails if one printed meanwhile. */
    private static void assertNoTimerLeftArmed() {
        List<String> late = Stdout.capture(() -> sleep(LEFTOVER));
        assertEquals(List.of(), late, "a timer callback printed after run returned: the timer armed by the"
                + " loop's last reset was still pending. Stop it when the loop ends (and if stop() returns false,"
                + " it has fired: receive its message, so its callback is done before run returns)");
    }

    /**
     * The timer armed by the loop's last reset is due as the loop ends ({@link #endingAtOnce}): a run that does not
     * wait for its callback leaves it blocked on an unbuffered channel.
     */
    @Test
    void aTimerThatFiresAsTheLoopEndsIsWaitedFor() {
        var baseline = Goroutines.baseline();
        Stdout.capture(endingAtOnce()::run);
        // A run that never stops the timer leaves it due: give it the time to start its callback, which a correct
        // run never lets happen, so that waiting only ever lets a leak show.
        Goroutines.pollUntil(() -> !baseline.startedSince().isEmpty(), LEFTOVER);
        List<Goroutine> leaked = baseline.settle(Duration.ofMillis(500)); // as the grader's own leak check
        if (!leaked.isEmpty()) {
            boolean sending = leaked.stream().allMatch(g -> g.waitReason().equals(Optional.of(WaitReason.CHAN_SEND)));
            fail(Goroutines.stillRunning("after run returned, " + leaked.size() + " timer callback goroutine(s)"
                    + " were still alive" + (sending ? ", blocked sending on the channel: the timer armed by the"
                    + " loop's last reset fired as the loop ended. Stop it when the loop ends; if stop() returns"
                    + " false, it has fired already: receive its message, so that its callback is done before run"
                    + " returns (a buffer of 1 also keeps a callback that fires anyway from blocking forever)"
                    : ": nothing may outlive run"), leaked));
        }
    }

    /**
     * The callback of a timer that fires as the loop ends has printed when run returns: run waits for it, it does not
     * sleep through it. The timers end as in {@link #aTimerThatFiresAsTheLoopEndsIsWaitedFor}, so stop() finds the
     * last one due and it fires, and what the callbacks print is held until the goroutine that called run waits for
     * them in the runtime, or has returned ({@link HeldCallbacks}). A run that receives the callback's message when
     * stop() returns false parks in that receive and lets it print; one that ignores stop()'s result returns, or
     * sleeps and then returns, while the callback still holds its line, whatever the schedule.
     */
    @Test
    void aCallbackThatFiresAsTheLoopEndsHasPrintedWhenRunReturns() {
        int late = HeldCallbacks.lateWrites(endingAtOnce()::run, Duration.ofSeconds(1), LEFTOVER,
                Duration.ofMillis(500));

        assertEquals(0, late, "a timer callback printed after run returned: the timer armed by the loop's last"
                + " reset fired as the loop ended, and run did not wait for its callback (it ignored stop()'s result,"
                + " or slept instead of waiting). If stop() returns false, the timer has fired: receive its message,"
                + " which the callback sends once it has printed, however long that takes");
    }

    /**
     * A run with a 3 ms budget whose durations are 1 ms until the budget is spent, then 0 ms: the timer armed by the
     * loop's last reset is due as the loop ends, and the runtime fires a due timer before {@code stop()} can stop it
     * (Go's race between the two, settled the same way every time), so its callback runs, and sends, every time.
     */
    private static TimerRace endingAtOnce() {
        var budget = Duration.ofMillis(3);
        long start = System.nanoTime();
        return new TimerRace(budget, () -> System.nanoTime() - start < budget.toNanos() ? Duration.ofMillis(1)
                : Duration.ZERO);
    }

    /**
     * The main goroutine alone re-arms the timer: every duration, the first one and each reset's, is drawn by the
     * goroutine that called run. The callback draws none, whatever the schedule: the first timer fires at 0 ms.
     */
    @Test
    void onlyTheGoroutineThatCallsRunReArmsTheTimer() {
        var foreign = new ConcurrentLinkedQueue<StackTraceElement[]>();
        Supplier<Duration> durations = durations(5, BUDGET);
        Stdout.capture(() -> {
            Thread runner = Thread.currentThread();
            new TimerRace(BUDGET, () -> {
                if (Thread.currentThread() != runner) {
                    foreign.add(new Throwable().getStackTrace());
                }
                return durations.get();
            }).run();
        });
        assertNoTimerLeftArmed();
        if (!foreign.isEmpty()) {
            String where = List.of(foreign.peek()).stream()
                    .filter(f -> f.getClassName().equals(TimerRace.class.getName()))
                    .map(f -> "\n\nThe first such call of randomDuration:\n\tat " + f).findFirst().orElse("");
            fail("the timer was re-armed " + foreign.size() + " time(s) by a goroutine other than the one that called"
                    + " run: the callback, or a goroutine of yours, still touches the timer, so memory is shared, not"
                    + " communicated. Let the callback only send on a channel, and let the goroutine that runs run"
                    + " loop: receive, then t.reset(randomDuration.get()), until the budget is spent" + where);
        }
    }

    @Test
    void survivesManyShortRunsStartingWithTheWorstCase() {
        for (int run = 0; run < 20; run++) {
            var budget = Duration.ofMillis(5);
            Stdout.capture(new TimerRace(budget, durations(100 + run, budget))::run);
        }
    }
}

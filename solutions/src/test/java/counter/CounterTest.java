package counter;

import static dev.gokata.runtime.Go.go;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.Go;
import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.Program;
import dev.gokata.runtime.WaitReason;
import dev.gokata.testkit.Sandbox;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the counter kata: 50 goroutines × 1000 increments give exactly 50,000 on every run, a heavier
 * run loses no increment either, and count starts all its goroutines before it waits for them. The grader's race
 * detector reports a plain or volatile {@code counter++} even on a run that happens to lose nothing.
 * {@link CounterLockFreeTest} checks that the counter is an atomic, not a lock.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/counter/}):
 * <ul>
 *   <li>the untouched starter and {@code plain-increment}: {@code counter++} on a plain long: lost updates and a
 *       data race;</li>
 *   <li>{@code volatile-increment}: {@code counter++} on a volatile long: still read-add-write, still lost
 *       updates;</li>
 *   <li>{@code mutex-counter}: a Mutex around {@code counter++}: exact, but fails {@link CounterLockFreeTest}.</li>
 *   <li>{@code spin-lock}: an AtomicBoolean that goroutines spin on around a plain {@code counter++}: exact, and it
 *       calls an atomic, but it is a lock built by hand; {@link CounterLockFreeTest} fails its plain field write.</li>
 *   <li>{@code await-in-the-loop}: {@code wg.await()} inside the loop that starts the goroutines: exact, but they
 *       count one after another; {@link #startsEveryGoroutineBeforeItWaits} sees it start one after it waited.</li>
 * </ul>
 */
@Timeout(10)
class CounterTest {
    private static final Duration LIMIT = Duration.ofSeconds(8);
    /** How often the test looks at count while it runs; each goroutine below counts for much longer. */
    private static final Duration LOOK = Duration.ofMillis(1);
    private static final int WATCHED_GOROUTINES = 4;
    private static final int WATCHED_INCREMENTS = 200_000;

    /**
     * At least 5 runs, and more while 2 s have not passed (up to 50): a volatile {@code counter++} does not lose an
     * increment on every run, and one run in ten or more may come out exact. A correct counter passes every run,
     * however few the time allows.
     */
    @Test
    void fiftyGoroutinesTimesAThousandIsFiftyThousand() {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        for (int run = 1; run <= 5 || run <= 50 && System.nanoTime() < deadline; run++) {
            var c = new Counter();
            c.count(50, 1000);
            assertEquals(50_000, c.value(), "run " + run + ": 50 goroutines incremented 1000 times each, but the"
                    + " counter is " + c.value() + ": counter++ is a read, an add and a write, and goroutines"
                    + " overwrite each other's increments; use an atomic increment (AtomicLong.incrementAndGet)");
        }
    }

    @Test
    void losesNoIncrementUnderHeavyContention() {
        var c = new Counter();
        c.count(8, 100_000);
        assertEquals(800_000, c.value(), "8 goroutines incremented 100,000 times each, but the counter is "
                + c.value() + ": increments were lost; use an atomic increment");
    }

    @Test
    void aFreshCounterIsZeroAndCountsAlone() {
        var c = new Counter();
        assertEquals(0, c.value(), "a new counter must start at 0");
        c.count(1, 3);
        assertEquals(3, c.value(), "one goroutine incrementing 3 times");
        c.count(2, 0);
        assertEquals(3, c.value(), "goroutines that increment 0 times leave the counter alone");
    }

    /**
     * The goroutines count at the same time: count starts every one of them, then waits once. count runs in a
     * goroutine of its own, and the test looks at it every millisecond while its goroutines count (milliseconds
     * each). The first time it sees count parked in {@code sync.WaitGroup.Wait}, a probe goroutine takes the next id
     * (Go numbers goroutines in the order they start), and a goroutine that count starts later has a higher one. A
     * count that starts all its goroutines before it waits has none to start after, whatever the schedule, so this
     * never fails it; one that waits inside its loop waits while each goroutine but the last counts, and is seen
     * starting the next.
     */
    @Test
    void startsEveryGoroutineBeforeItWaits() {
        Sandbox.runToExit(() -> {
            var c = new Counter();
            Goroutine caller = go(() -> c.count(WATCHED_GOROUTINES, WATCHED_INCREMENTS));
            startedAfterWaiting(caller).ifPresent(late -> fail("count waited in wg.await() (Go's wg.Wait()) and"
                    + " then started another goroutine (goroutine " + late.id() + "): it waits inside its loop, so"
                    + " each goroutine counts alone, after the one before has finished, and the counter is never"
                    + " shared. Start every goroutine first (wg.add(1) and go(...) in the loop), and call"
                    + " wg.await() once, after the loop"));
            assertEquals((long) WATCHED_GOROUTINES * WATCHED_INCREMENTS, c.value(), WATCHED_GOROUTINES
                    + " goroutines incremented " + WATCHED_INCREMENTS + " times each; increments were lost");
        }, LIMIT, "count deadlocked: every goroutine is waiting");
    }

    /**
     * Looks at {@code caller} until it ends; the first goroutine it started after it was seen parked in
     * {@code sync.WaitGroup.Wait}, if one was seen alive.
     */
    private static Optional<Goroutine> startedAfterWaiting(Goroutine caller) {
        Program program = caller.program();
        long waitedBefore = Long.MAX_VALUE; // ids from this one on were given after caller was seen waiting
        while (!caller.finished()) {
            if (waitedBefore == Long.MAX_VALUE
                    && caller.waitReason().equals(Optional.of(WaitReason.WAITGROUP_WAIT))) {
                waitedBefore = go(() -> { }).id();
            }
            long after = waitedBefore;
            var late = program.goroutines().stream()
                    .filter(g -> g.parentId() == caller.id() && g.id() > after).findFirst();
            if (late.isPresent()) {
                return late;
            }
            Go.sleep(LOOK);
        }
        return Optional.empty();
    }
}

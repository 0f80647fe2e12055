package counter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the counter kata: 50 goroutines × 1000 increments give exactly 50,000 on every run, and a heavier
 * run loses no increment either. The grader's race detector reports a plain or volatile {@code counter++} even on a
 * run that happens to lose nothing. {@link CounterLockFreeTest} checks that the counter is an atomic, not a lock.
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
 * </ul>
 */
@Timeout(10)
class CounterTest {
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

}

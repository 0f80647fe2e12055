package parallelsum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.testkit.Concurrency;
import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hidden tests of the parallelsum kata: {@code addConcurrent} equals the sequential sum for every length (empty,
 * one, fewer numbers than workers, prime lengths) and every number of workers, with negative numbers, on repeated
 * runs; its parts really run at the same time in goroutines. The grader's race detector proves the cumulative sum
 * is updated safely.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/parallelsum/}):
 * <ul>
 *   <li>the untouched starter: returns 0;</li>
 *   <li>{@code drops-remainder}: parts of size {@code n / workers}, as the Go reference does; the last
 *       {@code n % workers} numbers are lost, and everything when {@code n < workers};</li>
 *   <li>{@code plain-field-sum}: {@code total += part} on a plain long field; a data race (and lost updates when
 *       the parts finish together);</li>
 *   <li>{@code sequential}: sums the parts one after another without goroutines; they never overlap.</li>
 *   <li>{@code executor-never-shut-down}: sums the parts on a fixed thread pool that it never shuts down; the
 *       grader's leak check finds the pool's threads alive after each test;</li>
 *   <li>{@code int-total}: the total is an {@code AtomicInteger} and each part's sum is cast to int: a sum beyond
 *       {@code 2^31 - 1} wraps around.</li>
 * </ul>
 */
@Timeout(10)
class ParallelSumTest {
    private static final int[] LENGTHS = {0, 1, 2, 3, 5, 7, 8, 13, 1000, 1009};
    private static final int[] WORKERS = {1, 2, 3, 4, 8};

    @Test
    void sumsEveryLengthWithEveryNumberOfWorkers() {
        var random = new Random(42);
        for (int length : LENGTHS) {
            int[] numbers = random.ints(length, 0, 10).toArray();
            for (int workers : WORKERS) {
                assertSum(numbers, workers);
            }
        }
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {2, 3, 4, 12})
    void sumsAPrimeLengthOfNegativeAndPositiveNumbers(int workers) {
        int[] numbers = new Random(workers).ints(100_003, -1000, 1001).toArray();
        assertSum(numbers, workers);
    }

    /** A sum, and each part's, beyond what an int holds: the total is a long (Go's int64), and so is a part's sum. */
    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 2})
    void sumsBeyondTheRangeOfAnInt(int workers) {
        int[] numbers = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        long got = new ParallelSum(workers).addConcurrent(numbers);
        assertEquals(4L * Integer.MAX_VALUE, got, "addConcurrent of four times Integer.MAX_VALUE with " + workers
                + " workers returned " + got + ": the sum overflowed an int. Keep each part's sum and the total in"
                + " a long (an AtomicLong), as Go's int64");
    }

    @Test
    void givesTheSameSumOnEveryRun() {
        // no zero (a number left out always shows) and a length no worker count divides
        int[] numbers = IntStream.range(0, 200_003).map(i -> 1 + i % 9).toArray();
        long expected = ParallelSum.add(numbers);
        var summer = new ParallelSum(Runtime.getRuntime().availableProcessors() + 1);
        for (int run = 1; run <= 5; run++) {
            assertEquals(expected, summer.addConcurrent(numbers), "run " + run + " of addConcurrent gave another"
                    + " sum than the sequential add: is the cumulative sum updated safely (an AtomicLong)?");
        }
    }

    /** ParallelSum whose parts wait, inside, until every part has started. */
    static final class Probed extends ParallelSum {
        final Concurrency probe = new Concurrency();
        private final int workers;
        private volatile boolean missed;

        Probed(int workers) {
            super(workers);
            this.workers = workers;
        }

        @Override
        protected long addPart(int[] numbers, int from, int to) {
            return probe.section(() -> {
                if (!missed && !probe.awaitOverlap(workers, Duration.ofSeconds(1))) {
                    missed = true;
                }
                return super.addPart(numbers, from, to);
            });
        }
    }

    @Test
    void runsThePartsAtTheSameTime() {
        int workers = 4;
        var summer = new Probed(workers);
        int[] numbers = IntStream.rangeClosed(1, 1000).toArray();

        long sum = summer.addConcurrent(numbers);

        assertEquals(500_500, sum, "1 + 2 + ... + 1000 with 4 workers");
        assertEquals(workers, summer.probe.entries(), "expected addPart to be called once per part, " + workers
                + " times; it was called " + summer.probe.entries() + " times");
        assertTrue(summer.probe.peak() == workers, "at most " + summer.probe.peak() + " of the " + workers
                + " parts ran at the same time: start every part's goroutine before waiting for any of them");
    }

    private static void assertSum(int[] numbers, int workers) {
        long expected = ParallelSum.add(numbers);
        long got = new ParallelSum(workers).addConcurrent(numbers);
        assertEquals(expected, got, "addConcurrent of " + numbers.length + " numbers with " + workers
                + " workers returned " + got + ", the sequential sum is " + expected + ": every number must be in"
                + " exactly one part, also when the length is not a multiple of the workers or smaller than it");
    }
}

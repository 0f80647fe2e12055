package parallelsum;

import static dev.gokata.runtime.Go.go;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.WaitReason;
import dev.gokata.testkit.Concurrency;
import dev.gokata.testkit.Goroutines;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
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
 *   <li>{@code sleep-instead-of-wait}: starts the goroutines, then sleeps 100 ms instead of waiting for them; the
 *       parts are quick enough to finish in time, until a part is held back: it returns a partial sum.</li>
 *   <li>{@code spin-on-counter}: waits for the goroutines by spinning on an atomic counter of finished parts; right
 *       sums, but a busy-wait that burns a core while the parts run.</li>
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

    /** ParallelSum whose parts wait, inside, until the test releases them. */
    static final class Held extends ParallelSum {
        final AtomicInteger entered = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        Held(int workers) {
            super(workers);
        }

        @Override
        protected long addPart(int[] numbers, int from, int to) {
            entered.incrementAndGet();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("the test never released the part");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return super.addPart(numbers, from, to);
        }
    }

    /**
     * Every part is held inside addPart until the caller of addConcurrent has parked (its thread waits, as in
     * wg.await(), a receive or an executor's close()), and for 500 ms more: a caller that returns meanwhile did not
     * wait for its parts, one seen in a goroutine sleep waits on a clock instead of them, and one that never parks
     * spins. A caller that waits for its parts never returns while they are held, however slow the machine.
     */
    @Test
    void waitsForEveryPartWithoutSleepingOrSpinning() {
        int workers = 3;
        var summer = new Held(workers);
        int[] numbers = IntStream.rangeClosed(1, 300).toArray();
        var sum = new AtomicLong(-1);
        var slept = new AtomicBoolean();
        Goroutine caller = go(() -> sum.set(summer.addConcurrent(numbers)));
        BooleanSupplier sleeping = () -> {
            if (caller.waitReason().orElse(null) == WaitReason.SLEEP) {
                slept.set(true);
            }
            return false;
        };
        try {
            Goroutines.pollUntil(() -> summer.entered.get() == workers || caller.finished(), Duration.ofSeconds(2));
            boolean parked = Goroutines.pollUntil(() -> sleeping.getAsBoolean() || caller.finished()
                    || parked(caller), Duration.ofSeconds(2));
            if (parked) {
                Goroutines.pollUntil(() -> sleeping.getAsBoolean() || caller.finished(), Duration.ofMillis(500));
            }
            if (caller.finished()) {
                fail("addConcurrent returned " + sum.get() + " while " + summer.entered.get() + " of its " + workers
                        + " parts were still being summed: it did not wait for its goroutines (a sleep waits for a"
                        + " clock, not for them). Wait with a WaitGroup: wg.add(1) per goroutine, wg.done() when its"
                        + " part is added, wg.await() before returning the sum");
            }
            if (slept.get() || !parked(caller)) {
                fail("while its parts were being summed, addConcurrent " + (slept.get() ? "slept: it waits on a"
                        + " clock instead of the parts" : "kept running: it spins (a busy-wait) until they are done,"
                        + " burning a core") + ". Wait with a WaitGroup: wg.await() parks the goroutine until every"
                        + " wg.done() came");
            }
        } finally {
            summer.release.countDown();
        }
        Goroutines.pollUntil(caller::finished, Duration.ofSeconds(5));
        assertEquals(45_150, sum.get(), "1 + 2 + ... + 300 with " + workers + " workers");
    }

    /** Whether {@code g}'s thread is parked, with or without a deadline. */
    private static boolean parked(Goroutine g) {
        var state = g.thread().getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    private static void assertSum(int[] numbers, int workers) {
        long expected = ParallelSum.add(numbers);
        long got = new ParallelSum(workers).addConcurrent(numbers);
        assertEquals(expected, got, "addConcurrent of " + numbers.length + " numbers with " + workers
                + " workers returned " + got + ", the sequential sum is " + expected + ": every number must be in"
                + " exactly one part, also when the length is not a multiple of the workers or smaller than it");
    }
}

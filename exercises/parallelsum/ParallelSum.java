package parallelsum;

import static dev.gokata.runtime.Go.*;

import dev.gokata.runtime.WaitGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Sums numbers in parallel: one goroutine per part, each adding its part's sum to an atomic total. */
public class ParallelSum {
    private final int workers;

    /** A summer that splits its input into {@code workers} parts (at least 1). */
    public ParallelSum(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be 1 or more, not " + workers);
        }
        this.workers = workers;
    }

    /** {@code max} random numbers from 0 to 9. */
    public static int[] generateNumbers(int max) {
        return ThreadLocalRandom.current().ints(max, 0, 10).toArray();
    }

    /** The sequential sum. */
    public static long add(int[] numbers) {
        long sum = 0;
        for (int n : numbers) {
            sum += n;
        }
        return sum;
    }

    /** The sum of {@code numbers[from, to)}: the work of one goroutine. */
    protected long addPart(int[] numbers, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += numbers[i];
        }
        return sum;
    }

    /** The sum of every number, computed by up to {@code workers} goroutines, one per part. */
    public long addConcurrent(int[] numbers) {
        // TODO: split numbers into `workers` parts; every number must be in exactly one part, whatever the length
        // (empty, shorter than workers, not a multiple of workers).
        // TODO: run each part in its own goroutine: addPart(numbers, from, to).
        // TODO: add each part's sum to a cumulative sum that is safe to update from many goroutines (an atomic).
        // TODO: wait for every goroutine, then return the sum.
        return 0;
    }

    public static void main(String[] args) {
        int[] numbers = generateNumbers(10_000_000);
        var summer = new ParallelSum(Runtime.getRuntime().availableProcessors());

        Instant t0 = Instant.now();
        long sum = add(numbers);
        System.out.printf("Sequential Add, Sum: %d,  Time Taken: %s%n", sum, Duration.between(t0, Instant.now()));

        t0 = Instant.now();
        sum = summer.addConcurrent(numbers);
        System.out.printf("Concurrent Add, Sum: %d,  Time Taken: %s%n", sum, Duration.between(t0, Instant.now()));
    }
}

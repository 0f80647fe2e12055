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
        var sum = new AtomicLong();
        var wg = new WaitGroup();
        int n = numbers.length;
        for (int part = 0; part < workers; part++) {
            // Part boundaries k*n/w cover [0, n) exactly, whatever the remainder; a part may be empty.
            int from = (int) ((long) part * n / workers);
            int to = (int) ((long) (part + 1) * n / workers);
            if (from == to) {
                continue;
            }
            wg.add(1);
            go(() -> {
                try {
                    sum.addAndGet(addPart(numbers, from, to));
                } finally {
                    wg.done();
                }
            });
        }
        wg.await();
        return sum.get();
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

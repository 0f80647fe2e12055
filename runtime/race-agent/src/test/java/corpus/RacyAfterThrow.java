package corpus;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Exceptions must not leave a stale call path behind: a pool thread runs a task whose helpers throw (the pool catches
 * it, outside instrumented code), then a task that catches the same throw itself and increments. Main reads the
 * count once the pool has terminated, which orders nothing. The previous access is the increment, and its stack is
 * the second task's function alone: no frame of the calls that threw.
 */
public class RacyAfterThrow {
    int count;

    private void fail(int depth) {
        if (depth == 0) {
            throw new IllegalStateException("boom");
        }
        fail(depth - 1);
    }

    public static void main(String[] args) {
        var r = new RacyAfterThrow();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.submit(() -> r.fail(3)); // its future keeps the exception
        pool.submit(() -> {
            try {
                r.fail(2);
            } catch (IllegalStateException e) {
                r.count++; // RACE
            }
        });
        pool.shutdown();
        while (!pool.isTerminated()) {
            Thread.onSpinWait();
        }
        System.out.println("count: " + r.count); // RACE
    }
}

package dev.gokata.runtime;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Programs.runOk;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cost of {@code go}: registering a goroutine and naming its creation site (Go needs about 238 ms for 100k
 * goroutines with one send each). On a busy 2-core machine this runs in about 70 ms against about 30 ms for bare
 * virtual threads, as {@code go(wg::done)}'s site is proven once and shared; it printed about 200 ms when every
 * site was a Throwable's stack capture, and 1,100 ms when it was a StackWalker walk. The bound only catches gross
 * regressions, as the build machine's load varies; the printed numbers are for people.
 */
@Timeout(120)
class SpawnCostTest {
    private static final int N = 100_000;

    @Test
    void givenHundredThousandGoroutines_whenSpawned_thenTheCostIsCloseToBareVirtualThreads() throws Exception {
        long bestGo = Long.MAX_VALUE;
        long bestBare = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            bestBare = Math.min(bestBare, bareVirtualThreads());
            long[] elapsed = new long[1];
            runOk(() -> {
                long start = System.nanoTime();
                var wg = new WaitGroup();
                wg.add(N);
                for (int i = 0; i < N; i++) {
                    go(wg::done);
                }
                wg.await();
                elapsed[0] = System.nanoTime() - start;
            });
            bestGo = Math.min(bestGo, elapsed[0]);
        }
        long goMs = bestGo / 1_000_000;
        long bareMs = bestBare / 1_000_000;
        System.out.println("100k goroutines: " + goMs + " ms; 100k bare virtual threads: " + bareMs + " ms");
        assertTrue(goMs < 10 * bareMs + 1_500, goMs + " ms for go versus " + bareMs + " ms bare");
    }

    private static long bareVirtualThreads() throws InterruptedException {
        long start = System.nanoTime();
        var latch = new CountDownLatch(N);
        for (int i = 0; i < N; i++) {
            Thread.ofVirtual().start(latch::countDown);
        }
        latch.await();
        return System.nanoTime() - start;
    }
}

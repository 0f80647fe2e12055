package dev.gokata.bench;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Go;
import dev.gokata.runtime.Program;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Plain virtual threads ({@code Thread.ofVirtual()}, not {@code go}) that each send once on a gokata channel to one
 * receiver: what the runtime pays to adopt a thread it did not start, on its first use of a channel. Two shapes,
 * each costly once in a quadratic way: inside a {@link Program} whose main goroutine starts the threads (each joins
 * the program's set of foreign members), and outside any program right after a crowd of as many goroutines came and
 * went (each looks through the program's registry for a goroutine of its own).
 * <pre>
 * $JAVA_HOME/bin/java $gokata_jvm_options -cp runtime/bench/target/benchmarks.jar dev.gokata.bench.PlainThreads 40000
 * </pre>
 * Arguments: the threads per round (default 40 000), then the rounds (default 3). Prints each round's time.
 */
public final class PlainThreads {
    private PlainThreads() {
    }

    public static void main(String[] args) throws InterruptedException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int r = 1; r <= rounds; r++) {
            long start = System.nanoTime();
            var outcome = new Program().run(() -> sendAndReceive(threads));
            System.out.printf(Locale.ROOT, "round %d, in a program: %.0f ms (%s)%n", r,
                    (System.nanoTime() - start) / 1e6, outcome.getClass().getSimpleName());

            crowdOfGoroutines(threads);
            start = System.nanoTime();
            sendAndReceive(threads);
            System.out.printf(Locale.ROOT, "round %d, after a crowd of goroutines: %.0f ms%n", r,
                    (System.nanoTime() - start) / 1e6);
        }
    }

    /** {@code threads} plain virtual threads each send once; the caller receives every value. */
    private static void sendAndReceive(int threads) {
        Chan<Integer> ch = Chan.make(0);
        for (int i = 0; i < threads; i++) {
            Thread.ofVirtual().start(() -> ch.send(1));
        }
        for (int i = 0; i < threads; i++) {
            ch.recv();
        }
    }

    /** {@code n} goroutines alive at once, all gone when this returns. */
    private static void crowdOfGoroutines(int n) throws InterruptedException {
        var release = new CountDownLatch(1);
        var gone = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            Go.go(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                gone.countDown();
            });
        }
        release.countDown();
        gone.await();
    }
}

package dev.gokata.bench;

import dev.gokata.runtime.Go;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * spawn100k timed from inside ({@link SpawnBench#spawn100k}'s shape: 100 000 goroutines that each send once on a
 * shared unbuffered channel and count down, one receiver): per round, how long the spawning goroutine's own loop of
 * starts took beside how long the whole batch took, to tell the cost of starting goroutines from the cost of their
 * hand-offs to the receiver; each round ends with the machine's cross-core round trip ({@link CoreLatency}), and
 * the last line gives the loop's median in each of the machine's modes.
 * <pre>
 * $JAVA_HOME/bin/java $gokata_jvm_options -Xms1g -Xmx2g -XX:+AlwaysPreTouch -cp runtime/bench/target/benchmarks.jar \
 *   dev.gokata.bench.SpawnTimed gokata 12
 * </pre>
 * Arguments: {@code gokata} ({@code Go.go} and gokata's channel) or {@code jox} (plain virtual threads and jox's
 * channel), then the rounds (default 12; the first third is warm-up and left out of the medians), then {@code only}
 * for bodies that only count down a latch: the cost of a start with no hand-offs beside it.
 */
public final class SpawnTimed {
    private SpawnTimed() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 3 || !(args[0].equals("gokata") || args[0].equals("jox"))
                || args.length == 3 && !args[2].equals("only")) {
            System.err.println("usage: SpawnTimed gokata|jox [ROUNDS] [only]");
            System.exit(2);
        }
        String impl = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        boolean only = args.length == 3;
        var loops = new double[rounds];
        var batches = new double[rounds];
        var roundTrips = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long[] loop = new long[1];
            long start = System.nanoTime();
            round(impl, only, loop);
            batches[r] = (System.nanoTime() - start) / 1e6;
            loops[r] = loop[0] / 1e6;
            roundTrips[r] = CoreLatency.roundTripNanos();
            System.out.printf(Locale.ROOT,
                    "round %d: batch %.1f ms, spawning loop %.1f ms (%.0f ns per start), rt %.0f%n", r + 1,
                    batches[r], loops[r], loop[0] / (double) SpawnBench.GOROUTINES, roundTrips[r]);
        }
        var kept = new Rounds(new double[][] {batches, loops}, roundTrips, rounds / 3);
        System.out.printf(Locale.ROOT, "%s: median batch %.1f ms, median spawning loop %.1f ms; loop by mode:%s%n",
                impl, kept.median(0), kept.median(1), kept.modes(1));
    }

    /**
     * One batch ({@code only}: bodies that only count down, no channel, as {@code SpawnBench.spawnOnly}); {@code
     * loop[0]} gets the nanoseconds of the spawning loop alone.
     */
    private static void round(String impl, boolean only, long[] loop) throws InterruptedException {
        boolean goroutines = impl.equals("gokata");
        Pipe p = Pipe.of(impl, 0);
        var done = new CountDownLatch(SpawnBench.GOROUTINES);
        VirtualThreads.Side spawner = () -> {
            long start = System.nanoTime();
            for (int i = 0; i < SpawnBench.GOROUTINES; i++) {
                if (goroutines && only) {
                    Go.go(done::countDown);
                } else if (goroutines) {
                    Go.go(() -> SpawnBench.sendAndDone(p, done));
                } else if (only) {
                    Thread.ofVirtual().start(done::countDown);
                } else {
                    Thread.ofVirtual().start(() -> SpawnBench.sendAndDone(p, done));
                }
            }
            loop[0] = System.nanoTime() - start;
            done.await();
        };
        VirtualThreads.Side receiver = () -> {
            for (int i = 0; i < SpawnBench.GOROUTINES; i++) {
                p.take();
            }
        };
        VirtualThreads.runAll(impl, only ? List.of(spawner) : List.of(spawner, receiver));
    }
}

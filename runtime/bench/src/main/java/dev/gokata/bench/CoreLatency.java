package dev.gokata.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * How long a cache line takes to go from one core to the other and back, the cost that decides every cross-core
 * hand-off: two platform threads bounce a counter. On this kind of machine (two virtual CPUs) it is not one figure
 * but changes 30-fold by the stretch of seconds, while one core's own speed changes by less than 2x: that is the
 * machine's "fast" and "slow" phases of the earlier results (docs/benchmarks.md, "Results (2026-12-05, late)").
 * {@link Paired} measures it after every round, so that each ratio can be told with its {@link Mode}.
 */
public final class CoreLatency {
    /** Where the machine's two virtual CPUs are from each other, as the round trip tells. */
    enum Mode {
        /** About 30 ns: as two hardware threads of one core, which share its caches (and its execution units). */
        SAME_CORE("same-core"),
        /** 55-95 ns: as two cores of one chip. */
        NEAR("near"),
        /** 260-2000 ns, in steps of about 400 ns: farther apart, or not running at the same time. */
        FAR("far");

        /** The round trip (ns) below which the machine counts as {@code SAME_CORE}, and as {@code NEAR}. */
        private static final double SAME_CORE_BELOW = 45;
        private static final double NEAR_BELOW = 150;

        final String label;

        Mode(String label) {
            this.label = label;
        }

        static Mode of(double roundTripNanos) {
            return roundTripNanos < SAME_CORE_BELOW ? SAME_CORE : roundTripNanos < NEAR_BELOW ? NEAR : FAR;
        }
    }

    private static final int BURSTS = 5;
    private static final int TRIPS = 10_000;

    private static volatile long ping;
    private static volatile long pong;
    @SuppressWarnings("unused")
    private static volatile long loopResult;

    private CoreLatency() {
    }

    /**
     * Prints the round trip every half second, {@code args[0]} times (default 20): which mode the machine is in now;
     * beside it, the time of one iteration of a single-threaded arithmetic loop, one core's own speed.
     * <pre>java -cp runtime/bench/target/benchmarks.jar dev.gokata.bench.CoreLatency 40</pre>
     */
    public static void main(String[] args) throws InterruptedException {
        int times = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        for (int i = 0; i < times; i++) {
            double nanos = roundTripNanos();
            System.out.printf(Locale.ROOT, "%.0f ns %s, one core: %.2f ns per loop iteration%n", nanos,
                    Mode.of(nanos).label, loopNanos());
            Thread.sleep(500);
        }
    }

    /** The time of one iteration of a loop of dependent multiply, xor and add, on one core (0.2-0.3 s in all). */
    private static double loopNanos() {
        int iterations = 200_000_000;
        long start = System.nanoTime();
        long acc = 0;
        for (int i = 0; i < iterations; i++) {
            acc += i * 31L ^ acc;
        }
        double nanos = (System.nanoTime() - start) / (double) iterations;
        loopResult = acc; // read by nobody, but kept: the loop is not removed
        return nanos;
    }

    /** The median over a few bursts of the round trip between two threads, in ns (a burst takes 0.3-20 ms). */
    static double roundTripNanos() throws InterruptedException {
        double[] bursts = new double[BURSTS];
        for (int i = 0; i < BURSTS; i++) {
            bursts[i] = burst();
        }
        Arrays.sort(bursts);
        return bursts[BURSTS / 2];
    }

    private static double burst() throws InterruptedException {
        ping = 0;
        pong = 0;
        var echo = Thread.ofPlatform().start(() -> {
            pong = -1; // running: the timing starts now, without the thread's start
            for (long i = 1; i <= TRIPS; i++) {
                while (ping != i) {
                    Thread.onSpinWait();
                }
                pong = i;
            }
        });
        while (pong != -1) {
            Thread.onSpinWait();
        }
        long start = System.nanoTime();
        for (long i = 1; i <= TRIPS; i++) {
            ping = i;
            while (pong != i) {
                Thread.onSpinWait();
            }
        }
        long elapsed = System.nanoTime() - start;
        echo.join();
        return elapsed / (double) TRIPS;
    }
}

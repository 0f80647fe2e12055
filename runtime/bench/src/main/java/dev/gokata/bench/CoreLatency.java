package dev.gokata.bench;

import java.util.Arrays;

/**
 * How long a cache line takes to go from one core to the other and back, the cost that decides every cross-core
 * hand-off: two platform threads bounce a counter. On this kind of machine (two virtual CPUs) it is not one figure
 * but changes by the stretch of seconds: about 30 ns, 65-95 ns, or 260-470 ns, while a single core's speed stays
 * within 30%. That is the machine's fast and slow "mode" of the earlier results (docs/benchmarks.md, "Results
 * (2026-12-05, late)"); {@link Paired} measures it in every round, so that each ratio can be told with its mode.
 */
final class CoreLatency {
    /** A round trip below this is the fast mode (30-95 ns measured), at or above it the slow one (260-470 ns). */
    static final double FAST_BELOW_NANOS = 150;
    private static final int BURSTS = 5;
    private static final int TRIPS = 10_000;

    private static volatile long ping;
    private static volatile long pong;

    private CoreLatency() {
    }

    /** The median over a few bursts of the round trip between two threads, in ns (a burst takes 0.3-5 ms). */
    static double roundTripNanos() throws InterruptedException {
        double[] bursts = new double[BURSTS];
        for (int i = 0; i < BURSTS; i++) {
            bursts[i] = burst();
        }
        Arrays.sort(bursts);
        return bursts[BURSTS / 2];
    }

    /** True if {@code roundTripNanos} is the fast mode's. */
    static boolean fast(double roundTripNanos) {
        return roundTripNanos < FAST_BELOW_NANOS;
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

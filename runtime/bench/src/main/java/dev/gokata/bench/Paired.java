package dev.gokata.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs one workload of the JMH benchmarks for gokata and for jox alternately in one JVM, and prints each one's
 * median and the ratio of the medians: a paired measurement, which the machine's slow and fast phases (and a JVM's
 * lucky or unlucky start) hit alike, where separate JMH forks of the two compare one phase with another.
 * {@code bin/bench-paired.sh} runs it in several JVMs and takes the median of their ratios (docs/benchmarks.md).
 *
 * <pre>java -cp runtime/bench/target/benchmarks.jar dev.gokata.bench.Paired mpmc8x8-16 15</pre>
 *
 * The workloads are the benchmark methods themselves, called directly, each implementation's turn in a round
 * lasting at least 300 ms; the first third of the rounds is warm-up.
 */
public final class Paired {
    /**
     * The workloads, each as its JMH benchmark with its parameters after the name: {@code spsc-16},
     * {@code select-2-0}.
     */
    static final List<String> WORKLOADS = List.of("pingPong", "spsc-0", "spsc-16", "spsc-1024", "mpmc8x8-0",
            "mpmc8x8-16", "parallel10k", "select-2-0", "select-2-16", "select-4-0", "select-4-16", "selectDefault2",
            "selectReady2", "spawn100k");
    private static final List<String> IMPLS = List.of("gokata", "jox");
    /** The least time of one implementation's turn in a round. */
    static final long ROUND_NANOS = 300_000_000;

    private Paired() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("list")) {
            WORKLOADS.forEach(System.out::println);
            return;
        }
        if (args.length != 2 || !WORKLOADS.contains(args[0])) {
            System.err.println("usage: Paired WORKLOAD ROUNDS (or: Paired list), WORKLOAD one of " + WORKLOADS);
            System.exit(2);
        }
        String workload = args[0];
        var turns = IMPLS.stream().map(impl -> timed(workload, () -> run(workload, impl))).toList();
        double[] m = medians(Integer.parseInt(args[1]), turns);
        System.out.printf(Locale.ROOT, "%s gokata %.1f jox %.1f ratio %.3f%n", workload, m[0], m[1], m[0] / m[1]);
    }

    /** One side of a paired measurement in the JVM: runs the workload once and returns its number of operations. */
    interface Side {
        int run() throws Exception;
    }

    /** One side's turn in a round: runs the workload for a while and returns its score. */
    interface Turn {
        double score() throws Exception;
    }

    /**
     * {@code side}'s turn, as a JMH iteration: invocations until {@link #ROUND_NANOS} have passed; its score is the
     * time per operation, in {@link #nanosPerUnit} (as in SpawnBench for spawn).
     */
    static Turn timed(String workload, Side side) {
        double unit = nanosPerUnit(workload);
        return () -> {
            long start = System.nanoTime();
            long elapsed;
            long ops = 0;
            do {
                ops += side.run();
            } while ((elapsed = System.nanoTime() - start) < ROUND_NANOS);
            return elapsed / unit / ops;
        };
    }

    /** The nanoseconds in the unit of {@code workload}'s score: ns per operation, but ms per batch for spawn. */
    static double nanosPerUnit(String workload) {
        return workload.equals("spawn100k") ? 1e6 : 1;
    }

    /** Takes the {@code turns} alternately for {@code rounds} rounds; returns each one's median after a third. */
    static double[] medians(int rounds, List<Turn> turns) throws Exception {
        var scores = new double[turns.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < turns.size(); i++) {
                scores[i][r] = turns.get(i).score();
            }
        }
        var m = new double[turns.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = median(scores[i], rounds / 3);
        }
        return m;
    }

    /** Runs {@code workload} once for {@code impl}; returns its number of operations (time per op is the score). */
    static int run(String workload, String impl) throws InterruptedException {
        String[] p = workload.split("-");
        switch (p[0]) {
            case "pingPong" -> {
                var s = new ChannelBench.PingPong();
                s.impl = impl;
                new ChannelBench().pingPong(s);
                return ChannelBench.ROUND_TRIPS;
            }
            case "spsc" -> {
                var s = new ChannelBench.Spsc();
                s.pipe = impl + "-" + p[1];
                new ChannelBench().spsc(s);
                return ChannelBench.ELEMENTS;
            }
            case "mpmc8x8" -> {
                var s = new ChannelBench.Mpmc();
                s.pipe = impl + "-" + p[1];
                new ChannelBench().mpmc8x8(s);
                return ChannelBench.ELEMENTS;
            }
            case "parallel10k" -> {
                var s = new ChannelBench.Parallel();
                s.pipe = impl + "-16";
                new ChannelBench().parallel10k(s);
                return ChannelBench.PAIRS * ChannelBench.PER_PAIR;
            }
            case "select" -> {
                var s = new SelectBench.Blocking();
                s.impl = impl;
                s.cases = Integer.parseInt(p[1]);
                s.cap = Integer.parseInt(p[2]);
                new SelectBench().select(s);
                return SelectBench.SELECTS;
            }
            case "selectDefault2" -> {
                var s = new SelectBench.NonBlocking();
                s.impl = impl;
                new SelectBench().selectDefault2(s);
                return SelectBench.DEFAULT_SELECTS;
            }
            case "selectReady2" -> {
                var s = new SelectBench.NonBlocking();
                s.impl = impl;
                new SelectBench().selectReady2(s);
                return SelectBench.READY_SELECTS;
            }
            case "spawn100k" -> {
                var s = new SpawnBench.Spawn();
                s.impl = impl;
                new SpawnBench().spawn100k(s);
                return 1;
            }
            default -> throw new IllegalArgumentException("no workload " + workload + "; one of " + WORKLOADS);
        }
    }

    /** The median of {@code scores} after dropping the first {@code warmup}. */
    private static double median(double[] scores, int warmup) {
        double[] kept = Arrays.copyOfRange(scores, warmup, scores.length);
        Arrays.sort(kept);
        return kept[kept.length / 2];
    }
}

package dev.gokata.bench;

import java.util.List;
import java.util.Locale;

/**
 * Runs one workload of the JMH benchmarks for gokata and for jox alternately in one JVM, and prints each one's
 * median and the ratio of the medians: a paired measurement, which the machine's slow and fast phases (and a JVM's
 * lucky or unlucky start) hit alike, where separate JMH forks of the two compare one phase with another.
 * {@code bin/bench-paired.sh} runs it in several JVMs and takes the median of their ratios (docs/benchmarks.md).
 * After each round it measures the machine's cross-core round trip ({@link CoreLatency}), and the line ends with its
 * median and the ratio in the rounds of each of the machine's modes ({@link Rounds#modes(int, int)}).
 *
 * <pre>java -cp runtime/bench/target/benchmarks.jar dev.gokata.bench.Paired mpmc8x8-16 15</pre>
 *
 * The workloads ({@link Workload}) are the benchmark methods themselves, called directly, each implementation's
 * turn in a round lasting at least 300 ms; the first third of the rounds is warm-up.
 *
 * <p>With a third argument, {@code gokata} or {@code jox}, it runs that implementation alone and prints its median
 * (then the round trip and its median in each mode, {@link Rounds#modes(int)}):
 * gokata's goroutines run on the runtime's carrier pool and jox's threads on the JDK's, and two pools at work in one
 * JVM slow each other (100 000 short goroutines took 2.6x as long beside plain virtual threads as alone), which
 * hits spawning hardest; {@code bin/bench-paired.sh --separate} pairs two such JVMs, one after the other.
 */
public final class Paired {
    private static final List<String> IMPLS = List.of("gokata", "jox");
    /** The least time of one implementation's turn in a round. */
    static final long ROUND_NANOS = 300_000_000;

    private Paired() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("list")) {
            Workload.names().forEach(System.out::println);
            return;
        }
        String usage = "Paired WORKLOAD ROUNDS [IMPL] (IMPL one of " + IMPLS + "; or: Paired list)";
        boolean alone = args.length == 3;
        var w = Workload.fromArgs(args, alone ? 3 : 2, usage);
        if (alone && !IMPLS.contains(args[2])) {
            System.err.println("usage: " + usage);
            System.exit(2);
        }
        var impls = alone ? List.of(args[2]) : IMPLS;
        var turns = impls.stream().map(impl -> timed(w, () -> w.run().once(impl))).toList();
        var rounds = rounds(Integer.parseInt(args[1]), turns);
        if (alone) { // bin/bench-paired.sh --separate pairs two such JVMs
            System.out.printf(Locale.ROOT, "%.1f%s%n", rounds.median(0), rounds.modes(0));
        } else {
            System.out.println(rounds.line(w.name(), "gokata", "jox", 0));
        }
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
     * time per operation, in the workload's unit ({@link Workload#nanosPerUnit}, as in SpawnBench for spawn).
     */
    static Turn timed(Workload workload, Side side) {
        double unit = workload.nanosPerUnit();
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

    /**
     * Takes the {@code turns} alternately for {@code rounds} rounds, measuring the machine's cross-core round trip
     * after each; the first third of the rounds is warm-up. With {@code -Dpaired.rounds=true} it prints every
     * round to standard error.
     */
    static Rounds rounds(int rounds, List<Turn> turns) throws Exception {
        var scores = new double[turns.size()][rounds];
        var roundTrips = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < turns.size(); i++) {
                scores[i][r] = turns.get(i).score();
            }
            roundTrips[r] = CoreLatency.roundTripNanos();
            if (Boolean.getBoolean("paired.rounds")) { // each round's scores, then its round trip (ns)
                var line = new StringBuilder("round " + (r + 1) + ":");
                for (double[] turn : scores) {
                    line.append(String.format(Locale.ROOT, " %.1f", turn[r]));
                }
                System.err.println(line.append(String.format(Locale.ROOT, " rt %.0f", roundTrips[r])));
            }
        }
        return new Rounds(scores, roundTrips, rounds / 3);
    }

    /**
     * Runs {@code workload} once for {@code impl}; returns its number of operations. {@link PairedBuilds} calls it by
     * reflection in another build's class loader, so its signature stays as it is.
     */
    static int run(String workload, String impl) throws InterruptedException {
        return Workload.named(workload)
                .orElseThrow(() -> new IllegalArgumentException("no workload " + workload + "; one of "
                        + Workload.names()))
                .run().once(impl);
    }
}

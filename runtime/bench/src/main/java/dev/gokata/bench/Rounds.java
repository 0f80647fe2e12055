package dev.gokata.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * The rounds of a paired measurement ({@link Paired#rounds}): each turn's score in each round and the machine's
 * cross-core round trip measured after it ({@link CoreLatency}), the first {@code warmup} rounds left out of every
 * figure. Besides each turn's median, it tells a ratio apart by the machine's mode: the median of the rounds' ratios
 * over the rounds measured fast, and over those measured slow.
 */
record Rounds(double[][] scores, double[] roundTrips, int warmup) {

    /** The median score of turn {@code turn}. */
    double median(int turn) {
        return median(kept(turn).toArray());
    }

    /**
     * The tail of a paired line: {@code " rt 65 fast 1.052/6 slow -/0"}: the median round trip (ns), then for each
     * mode the median of turn {@code numerator}'s score over turn {@code denominator}'s in the rounds of that mode,
     * and their number.
     */
    String modes(int numerator, int denominator) {
        var rounds = IntStream.range(warmup, roundTrips.length).boxed().toList();
        var out = new StringBuilder(String.format(Locale.ROOT, " rt %.0f",
                median(rounds.stream().mapToDouble(r -> roundTrips[r]).toArray())));
        for (boolean fast : new boolean[] {true, false}) {
            double[] ratios = rounds.stream().filter(r -> CoreLatency.fast(roundTrips[r]) == fast)
                    .mapToDouble(r -> scores[numerator][r] / scores[denominator][r]).toArray();
            out.append(fast ? " fast " : " slow ")
                    .append(ratios.length == 0 ? "-" : String.format(Locale.ROOT, "%.3f", median(ratios)))
                    .append('/').append(ratios.length);
        }
        return out.toString();
    }

    private DoubleStream kept(int turn) {
        return Arrays.stream(scores[turn], warmup, scores[turn].length);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

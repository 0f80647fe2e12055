package dev.gokata.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The rounds of a paired measurement ({@link Paired#rounds}): each turn's score in each round and the machine's
 * cross-core round trip measured after it ({@link CoreLatency}), the first {@code warmup} rounds left out of every
 * figure. Besides each turn's median, it tells the rounds apart by the machine's {@link CoreLatency.Mode}.
 */
record Rounds(double[][] scores, double[] roundTrips, int warmup) {

    /** The median score of turn {@code turn}. */
    double median(int turn) {
        return median(keptRounds().mapToDouble(r -> scores[turn][r]).toArray());
    }

    /**
     * The line of a paired run of two turns, as {@code bin/paired-table.awk} reads it: {@code "WORKLOAD LEFT l RIGHT
     * r ratio x"} with each turn's median under its label and the ratio of turn {@code numerator}'s median over the
     * other's, then that ratio by mode ({@link #modes(int, int)}).
     */
    String line(String workload, String left, String right, int numerator) {
        int denominator = 1 - numerator;
        return String.format(Locale.ROOT, "%s %s %.1f %s %.1f ratio %.3f%s", workload, left, median(0), right,
                median(1), median(numerator) / median(denominator), modes(numerator, denominator));
    }

    /**
     * The tail of a paired line: {@code " rt 65 same-core -/0 near 1.052/6 far 0.981/2"}: the median round trip
     * (ns), then for each mode the median of turn {@code numerator}'s score over turn {@code denominator}'s in the
     * rounds of that mode, and their number.
     */
    String modes(int numerator, int denominator) {
        return modes(r -> scores[numerator][r] / scores[denominator][r], "%.3f");
    }

    /**
     * The tail of a lone turn's line ({@code Paired WORKLOAD ROUNDS IMPL}): {@code " rt 65 same-core -/0 near
     * 41.2/6 far -/0"}: as {@link #modes(int, int)}, with turn {@code turn}'s median score in each mode;
     * {@code pair_line} in {@code bin/paired-runs.sh} makes ratios of two such lines.
     */
    String modes(int turn) {
        return modes(r -> scores[turn][r], "%.1f");
    }

    private String modes(IntToDoubleFunction valueOfRound, String format) {
        var out = new StringBuilder(String.format(Locale.ROOT, " rt %.0f",
                median(keptRounds().mapToDouble(r -> roundTrips[r]).toArray())));
        for (var mode : CoreLatency.Mode.values()) {
            double[] values = keptRounds().filter(r -> CoreLatency.Mode.of(roundTrips[r]) == mode)
                    .mapToDouble(valueOfRound).toArray();
            out.append(' ').append(mode.label).append(' ')
                    .append(values.length == 0 ? "-" : String.format(Locale.ROOT, format, median(values)))
                    .append('/').append(values.length);
        }
        return out.toString();
    }

    private IntStream keptRounds() {
        return IntStream.range(warmup, roundTrips.length);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

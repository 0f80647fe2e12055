package dev.gokata.grader.report;

import java.util.Locale;

/** Prints points as people write them: {@code 10}, {@code 3.33}. */
public final class Points {
    private Points() {
    }

    public static String format(double points) {
        double rounded = Math.round(points * 100) / 100.0;
        return rounded == Math.rint(rounded) ? String.valueOf((long) rounded)
                : String.format(Locale.ROOT, "%.2f", rounded);
    }
}

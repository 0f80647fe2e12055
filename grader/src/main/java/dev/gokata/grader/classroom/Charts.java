package dev.gokata.grader.classroom;

import dev.gokata.grader.report.CourseResult;
import dev.gokata.grader.report.Points;
import java.util.List;
import java.util.Locale;

/**
 * The course report's charts, drawn as inline SVG strings the templates print unescaped: no script, no network,
 * readable from the file system. Every text placed in a chart goes through {@link #escape(String)}.
 */
final class Charts {

    private static final String FONT = "font-family=\"sans-serif\" font-size=\"12\"";

    private Charts() {
    }

    /** Color of a kind of failure, the same in every chart and legend. */
    static String color(FailureKind kind) {
        return switch (kind) {
            case COMPILE_ERROR -> "#7f7f7f";
            case MISSING -> "#c7c7c7";
            case DATA_RACE -> "#d62728";
            case DEADLOCK -> "#9467bd";
            case LEAK -> "#8c564b";
            case TIMEOUT -> "#ff7f0e";
            case PANIC -> "#e377c2";
            case WRONG_RESULT -> "#1f77b4";
            case CUT_SHORT -> "#17becf";
        };
    }

    /** A column chart of the score distribution: a column per tenth of the points, labelled with its count. */
    static String distribution(List<Integer> buckets) {
        int width = 600;
        int height = 220;
        int left = 40;
        int bottom = 30;
        int top = 16;
        int plot = height - bottom - top;
        int max = Math.max(1, buckets.stream().mapToInt(Integer::intValue).max().orElse(1));
        int column = (width - left - 10) / buckets.size();
        var svg = new StringBuilder();
        svg.append(open(width, height, "Score distribution: students per tenth of the points"));
        svg.append(line(left, top + plot, width - 10, top + plot));
        for (int i = 0; i < buckets.size(); i++) {
            int n = buckets.get(i);
            int h = (int) Math.round((double) n / max * plot);
            int x = left + i * column;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#4e79a7\">"
                            + "<title>%s: %d</title></rect>",
                    x + 3, top + plot - h, column - 6, h, bucketLabel(i, buckets.size()), n));
            svg.append(text(x + column / 2, top + plot - h - 4, "middle", Integer.toString(n)));
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%s</text>",
                    x + column / 2, height - 12, escape(bucketLabel(i, buckets.size()))));
        }
        return svg.append("</svg>").toString();
    }

    /** The label of bucket {@code i} of {@code n}: "40–49%", and "90–100%" for the last. */
    static String bucketLabel(int i, int n) {
        int step = 100 / n;
        return i == n - 1 ? (i * step) + "–100%" : (i * step) + "–" + ((i + 1) * step - 1) + "%";
    }

    /** A horizontal bar per kata: the fraction of graded students who passed it. */
    static String passRates(List<KataStats> katas) {
        int label = 130;
        int bar = 300;
        int row = 22;
        int width = label + bar + 60;
        int height = row * katas.size() + 10;
        var svg = new StringBuilder(open(width, height, "Pass rate per kata"));
        for (int i = 0; i < katas.size(); i++) {
            var k = katas.get(i);
            int y = 5 + i * row;
            int w = (int) Math.round(k.passRate() * bar);
            svg.append(text(label - 6, y + 14, "end", k.kata()));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"#eeeeee\"/>", label, y, bar));
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"#59a14f\">"
                            + "<title>%s: %d of %d passed</title></rect>",
                    label, y, w, escape(k.kata()), k.passed(), k.graded()));
            svg.append(text(label + bar + 6, y + 14, "start", percent(k.passRate())));
        }
        return svg.append("</svg>").toString();
    }

    /** A stacked bar per kata: how many students showed each kind of failure. */
    static String failureMix(List<KataStats> katas) {
        int label = 130;
        int bar = 300;
        int row = 22;
        int legendRows = (FailureKind.values().length + 2) / 3;
        int width = label + bar + 60;
        int height = row * katas.size() + 10 + legendRows * 18 + 10;
        int max = Math.max(1, katas.stream()
                .mapToInt(k -> k.kinds().stream().mapToInt(KataStats.KindCount::students).sum()).max().orElse(1));
        var svg = new StringBuilder(open(width, height, "Kinds of failure per kata"));
        for (int i = 0; i < katas.size(); i++) {
            var k = katas.get(i);
            int y = 5 + i * row;
            svg.append(text(label - 6, y + 14, "end", k.kata()));
            double x = label;
            for (var count : k.kinds()) {
                double w = (double) count.students() / max * bar;
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"bar\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\">"
                                + "<title>%s: %s, %d students</title></rect>",
                        x, y, w, color(count.kind()), escape(k.kata()), count.kind().plural(), count.students()));
                x += w;
            }
        }
        int legendTop = row * katas.size() + 20;
        var kinds = FailureKind.values();
        for (int i = 0; i < kinds.length; i++) {
            int x = 10 + (i % 3) * 160;
            int y = legendTop + (i / 3) * 18;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                    x, y, color(kinds[i])));
            svg.append(text(x + 16, y + 11, "start", kinds[i].plural()));
        }
        return svg.append("</svg>").toString();
    }

    /** A bar per kata of one student: points earned out of the kata's points. */
    static String studentScores(CourseResult student) {
        int label = 130;
        int bar = 300;
        int row = 22;
        var katas = student.katas();
        int width = label + bar + 90;
        int height = row * katas.size() + 10;
        var svg = new StringBuilder(open(width, height, "Points per kata"));
        for (int i = 0; i < katas.size(); i++) {
            var k = katas.get(i);
            int y = 5 + i * row;
            int w = k.maxScore() == 0 ? 0 : (int) Math.round(k.score() / k.maxScore() * bar);
            svg.append(text(label - 6, y + 14, "end", k.id()));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"#eeeeee\"/>", label, y, bar));
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"%s\"/>",
                    label, y, w, k.passed() ? "#59a14f" : "#e15759"));
            svg.append(text(label + bar + 6, y + 14, "start",
                    Points.format(k.score()) + " / " + Points.format(k.maxScore())));
        }
        return svg.append("</svg>").toString();
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    static String escape(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String open(int width, int height, String title) {
        return String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\" %s>"
                        + "<title>%s</title>",
                width, height, width, height, FONT, escape(title));
    }

    private static String text(int x, int y, String anchor, String text) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>",
                x, y, anchor, escape(text));
    }

    private static String line(int x1, int y1, int x2, int y2) {
        return String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
                x1, y1, x2, y2);
    }
}

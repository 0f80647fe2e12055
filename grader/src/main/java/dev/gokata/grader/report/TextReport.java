package dev.gokata.grader.report;

import dev.gokata.grader.worker.Verdict;
import java.util.Locale;
import picocli.CommandLine.Help.Ansi;

/** Renders results for a terminal: one line per test, the failure reports under it, the points at the end. */
public final class TextReport {
    private static final String INDENT = "           ";
    private static final int OUTPUT_LINES = 20;
    private final Ansi ansi;

    public TextReport(Ansi ansi) {
        this.ansi = ansi;
    }

    /** A kata's verdicts, javac's messages if it did not compile, and its points. */
    public String kata(KataResult k) {
        var sb = new StringBuilder();
        sb.append(ansi.string("@|bold " + k.id() + "|@")).append(" — ").append(k.title()).append('\n');
        for (String note : k.notes()) {
            sb.append(ansi.string("  @|yellow note:|@ ")).append(note).append('\n');
        }
        if (k.compileError()) {
            sb.append(k.compileOutput());
            sb.append(ansi.string("@|red,bold " + k.id() + " does not compile|@")).append(" — ")
                    .append(Scoring.nextAfterCompileError(k)).append('\n');
            return sb.toString();
        }
        for (TestResult t : k.tests()) {
            sb.append("  ").append(label(t.verdict())).append(' ').append(t.name());
            if (t.millis() > 0) {
                sb.append(ansi.string(" @|faint (" + t.millis() + " ms)|@"));
            }
            sb.append('\n');
            if (!t.passed()) {
                if (t.message() != null) {
                    sb.append(indent(t.message().stripTrailing())).append('\n');
                }
                if (t.output() != null && !t.output().isBlank()) {
                    sb.append(INDENT).append(ansi.string("@|faint output:|@")).append('\n');
                    sb.append(indent(firstLines(t.output().stripTrailing()))).append('\n');
                }
            }
        }
        if (k.output() != null && !k.passed()) {
            sb.append(ansi.string("  @|faint the test JVM printed:|@")).append('\n')
                    .append(indent(firstLines(k.output().strip()))).append('\n');
        }
        sb.append(points(k)).append('\n');
        return sb.toString();
    }

    /** {@code adder: 4 of 6 points} in colour: green when passed. */
    public String points(KataResult k) {
        String text = k.id() + ": " + Points.format(k.score()) + " of " + Points.format(k.maxScore()) + " points";
        return ansi.string(k.passed() ? "@|green,bold " + text + "|@" : "@|yellow,bold " + text + "|@")
                + String.format(Locale.ROOT, " (%.1f s)", k.millis() / 1000.0);
    }

    /** A progress bar: {@code [#####-----] 3/10}. */
    public String bar(int done, int total, int width) {
        int filled = total == 0 ? 0 : (int) Math.round((double) done * width / total);
        return "[" + ansi.string("@|green " + "#".repeat(filled) + "|@") + "-".repeat(width - filled) + "] "
                + done + "/" + total;
    }

    private String label(Verdict v) {
        return switch (v) {
            case PASS -> ansi.string("@|green PASS   |@");
            case FAIL -> ansi.string("@|red FAIL   |@");
            case ERROR -> ansi.string("@|red ERROR  |@");
            case TIMEOUT -> ansi.string("@|magenta TIMEOUT|@");
        };
    }

    private static String firstLines(String text) {
        var lines = text.lines().toList();
        if (lines.size() <= OUTPUT_LINES) {
            return text;
        }
        return String.join("\n", lines.subList(0, OUTPUT_LINES)) + "\n[" + (lines.size() - OUTPUT_LINES)
                + " more lines]";
    }

    private static String indent(String text) {
        return text.lines().map(l -> l.isEmpty() ? "" : INDENT + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}

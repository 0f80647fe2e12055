package dev.gokata.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A goroutine dump for a reader, not a crash log: goroutines in the same state with the same stack are shown once,
 * with the ids of the others, as Go's goroutine profile ({@code debug=1}) counts identical stacks. Twenty leaked
 * goroutines blocked on one line read as one traceback and a line, not as twenty tracebacks.
 */
public final class GroupedDump {
    private static final Pattern HEADER = Pattern.compile("\\Agoroutine (\\d+) (\\[[^\\n]*)");
    /** The most ids of the others listed after a group's traceback. */
    private static final int IDS_SHOWN = 10;

    private GroupedDump() {
    }

    /**
     * A report of Go's runtime ({@code fatal error: all goroutines are asleep - deadlock!}, {@code panic: test timed
     * out}, a dump) with its goroutines grouped as {@link #of} groups them; its other paragraphs stay as they are.
     */
    public static String ofReport(String report) {
        boolean endsWithNewline = report.endsWith("\n");
        String body = endsWithNewline ? report.substring(0, report.length() - 1) : report;
        var paragraphs = new ArrayList<String>();
        var goroutines = new ArrayList<String>();
        for (String paragraph : body.split("\n\n", -1)) {
            if (HEADER.matcher(paragraph).find()) {
                goroutines.add(paragraph + "\n");
            } else {
                addGrouped(paragraphs, goroutines);
                paragraphs.add(paragraph);
            }
        }
        addGrouped(paragraphs, goroutines);
        return String.join("\n\n", paragraphs) + (endsWithNewline ? "\n" : "");
    }

    /** Adds the {@code goroutines} read so far, grouped, as paragraphs (without the last newline), and forgets them. */
    private static void addGrouped(List<String> paragraphs, List<String> goroutines) {
        if (!goroutines.isEmpty()) {
            String grouped = of(goroutines);
            paragraphs.add(grouped.substring(0, grouped.length() - 1));
            goroutines.clear();
        }
    }

    /**
     * The {@code tracebacks} (each as {@link Goroutine#traceback()} renders it, frames possibly filtered), in the
     * order of their first of a kind, separated by blank lines; after a traceback that others share, {@code (and 19
     * more goroutines in the same state with the same stack: 12, 17, ...)}.
     */
    public static String of(List<String> tracebacks) {
        var groups = new LinkedHashMap<String, Group>(); // by the traceback without its id
        for (String traceback : tracebacks) {
            Matcher m = HEADER.matcher(traceback);
            String id = m.find() ? m.group(1) : "?";
            groups.computeIfAbsent(m.replaceFirst("goroutine ? $2"), kind -> new Group(traceback, new ArrayList<>()))
                    .ids().add(id);
        }
        var sb = new StringBuilder();
        for (Group g : groups.values()) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(g.first());
            var others = g.ids().subList(1, g.ids().size());
            if (!others.isEmpty()) {
                sb.append(g.first().endsWith("\n") ? "" : "\n").append("(and ").append(others.size())
                        .append(others.size() == 1 ? " more goroutine" : " more goroutines")
                        .append(" in the same state with the same stack: ")
                        .append(String.join(", ", others.subList(0, Math.min(IDS_SHOWN, others.size()))))
                        .append(others.size() > IDS_SHOWN ? ", ..." : "").append(")\n");
            }
        }
        return sb.toString();
    }

    /** The goroutines alike: the first one's traceback, and the ids of all of them, the first's included. */
    private record Group(String first, List<String> ids) {
    }
}

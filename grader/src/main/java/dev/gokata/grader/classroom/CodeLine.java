package dev.gokata.grader.classroom;

import java.util.Comparator;

/** A line of a student's source file that a report (compiler message, race, deadlock dump, stack trace) points at. */
public record CodeLine(String file, int line) implements Comparable<CodeLine> {

    private static final Comparator<CodeLine> ORDER =
            Comparator.comparing(CodeLine::file).thenComparingInt(CodeLine::line);

    @Override
    public int compareTo(CodeLine other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}

package dev.gokata.runtime.race;

import java.util.List;

/**
 * One data race, as Go's race detector reports it: the access that found the race, the earlier access it conflicts
 * with, and the goroutines involved. {@link #text()} is Go's report format.
 *
 * @param location what was accessed, readable: {@code kata.Join.data}, {@code int[] element 3},
 *                 {@code java.util.HashMap}
 * @param address  a stable pseudo-address of the location, {@code 0x00c0...}
 * @param current  the access that detected the race
 * @param previous the earlier, unordered access
 * @param creators where each non-main goroutine involved was created, in report order
 */
public record RaceReport(String location, String address, Access current, Access previous,
                         List<Creation> creators) {

    private static final String RULE = "==================";

    /** One access: a read or a write by a goroutine, with its stack (innermost first). */
    public record Access(boolean write, long goroutine, List<Frame> frames) {
    }

    /** A frame of a Java stack in Go's terms: {@code function} without the parentheses. */
    public record Frame(String function, String file, int line) {
        /** The two lines Go prints for a frame. */
        String text() {
            return "  " + function + "()\n      " + file + ":" + line + " +0x0\n";
        }
    }

    /** {@code Goroutine N (running|finished) created at:} and the creation stack. */
    public record Creation(long goroutine, boolean finished, List<Frame> frames) {
    }

    /** The source lines of both accesses, {@code File.java:LINE}, current first: what a test asserts on. */
    public List<String> lines() {
        return List.of(top(current), top(previous));
    }

    private static String top(Access a) {
        return a.frames().isEmpty() ? "?" : a.frames().getFirst().file() + ":" + a.frames().getFirst().line();
    }

    /** The report in the format of Go's race detector, from the opening to the closing line of {@code =}. */
    public String text() {
        var sb = new StringBuilder();
        sb.append(RULE).append('\n').append("WARNING: DATA RACE\n");
        header(sb, current, "");
        sb.append('\n');
        header(sb, previous, "Previous ");
        for (Creation c : creators) {
            sb.append('\n').append("Goroutine ").append(c.goroutine())
                    .append(c.finished() ? " (finished)" : " (running)").append(" created at:\n");
            c.frames().forEach(f -> sb.append(f.text()));
        }
        sb.append(RULE).append('\n');
        return sb.toString();
    }

    private void header(StringBuilder sb, Access a, String prefix) {
        String kind = a.write() ? "write" : "read";
        if (prefix.isEmpty()) {
            kind = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        }
        sb.append(prefix).append(kind).append(" at ").append(address).append(" (").append(location).append(") by ")
                .append(a.goroutine() == 1 ? "main goroutine" : "goroutine " + a.goroutine()).append(":\n");
        a.frames().forEach(f -> sb.append(f.text()));
    }
}

package dev.gokata.grader.classroom;

import java.util.ArrayList;
import java.util.List;

/**
 * A slice of the class for one of N parallel jobs: shard {@code index} of {@code count} (1-based, "2/4") takes
 * the 2nd, 6th, 10th... submission in id order, so the N slices are disjoint, cover the class, and differ in size
 * by at most one.
 */
public record Shard(int index, int count) {

    /** The whole class as one slice. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count
                    + " does not exist: give I/N with N >= 1 and 1 <= I <= N, e.g. 1/4 ... 4/4");
        }
    }

    /** Reads "I/N". */
    public static Shard parse(String text) {
        var parts = text.trim().split("/");
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("shard '" + text + "' is not I/N:"
                + " give e.g. --shard 2/4 for the second of four slices");
    }

    /** This shard's part of {@code all}, which must be in the same order on every shard. */
    public <T> List<T> select(List<T> all) {
        var mine = new ArrayList<T>();
        for (int i = index - 1; i < all.size(); i += count) {
            mine.add(all.get(i));
        }
        return mine;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}

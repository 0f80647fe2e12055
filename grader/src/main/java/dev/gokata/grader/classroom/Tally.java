package dev.gokata.grader.classroom;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Something counted over a class ("CounterTest.concurrentIncrements" failed for 31 students), for the report. */
public record Tally(String label, int count) {

    /** The {@code limit} largest counts, largest first, ties in label order. */
    static List<Tally> top(Map<String, Integer> counts, int limit) {
        return counts.entrySet().stream()
                .map(e -> new Tally(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(Tally::count).reversed().thenComparing(Tally::label))
                .limit(limit)
                .toList();
    }
}

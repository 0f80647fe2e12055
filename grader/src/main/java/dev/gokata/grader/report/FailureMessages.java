package dev.gokata.grader.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The failure messages of one graded test, in the order they came. The invocations of a parameterized test that
 * failed alike share one message, in the place of the first, led by their names: {@code 1 values, 6 values: the
 * program panicked: ...}, where each would repeat the same report.
 */
final class FailureMessages {
    /** A message, and the invocations it is the failure of (none for a failure of the test as a whole). */
    private record Entry(String message, List<String> invocations) {
        String text() {
            return invocations.isEmpty() ? message : String.join(", ", invocations) + ": " + message;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    /** An invocation's message to its entry. */
    private final Map<String, Entry> byInvocationMessage = new HashMap<>();

    /** A failure of the test as a whole. */
    void add(String message) {
        entries.add(new Entry(message.stripTrailing(), List.of()));
    }

    /** A failure of the test's invocation named {@code name}. */
    void addInvocation(String name, String message) {
        byInvocationMessage.computeIfAbsent(message.stripTrailing(), m -> {
            var entry = new Entry(m, new ArrayList<>());
            entries.add(entry);
            return entry;
        }).invocations().add(name);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The messages, each invocation's led by the names of those that failed with it, told once each. */
    List<String> list() {
        return entries.stream().map(Entry::text).distinct().toList();
    }
}

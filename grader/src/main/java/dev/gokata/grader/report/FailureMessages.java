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
    private final List<String> messages = new ArrayList<>();
    /** Per message, the invocations it is the failure of (none for the test's own). */
    private final List<List<String>> invocations = new ArrayList<>();
    /** An invocation's message to its place in {@code messages}. */
    private final Map<String, Integer> places = new HashMap<>();

    /** A failure of the test as a whole. */
    void add(String message) {
        messages.add(message.stripTrailing());
        invocations.add(List.of());
    }

    /** A failure of the test's invocation named {@code name}. */
    void addInvocation(String name, String message) {
        String m = message.stripTrailing();
        Integer place = places.get(m);
        if (place == null) {
            place = messages.size();
            places.put(m, place);
            messages.add(m);
            invocations.add(new ArrayList<>());
        }
        invocations.get(place).add(name);
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    /** The messages, each invocation's led by the names of those that failed with it, told once each. */
    List<String> list() {
        var list = new ArrayList<String>();
        for (int i = 0; i < messages.size(); i++) {
            var names = invocations.get(i);
            list.add(names.isEmpty() ? messages.get(i) : String.join(", ", names) + ": " + messages.get(i));
        }
        return list.stream().distinct().toList();
    }
}

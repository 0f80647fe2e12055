package dev.gokata.grader.classroom;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What went wrong in one student's kata: every kind of failure seen, each with the student's code lines involved.
 * Lines come from the reports themselves ({@code Counter.java:12} in a javac message, a race report's frames, a
 * deadlock dump, a stack trace); lines of the hidden tests are left out.
 */
final class Diagnosis {

    private static final Pattern LOCATION = Pattern.compile("([A-Za-z_$][\\w$]*\\.java):(\\d+)");
    private static final Pattern TEST_FILE = Pattern.compile(".*Tests?\\.java|.*IT\\.java");

    private Diagnosis() {
    }

    /** The kinds of failure in {@code kata}, each with the student's lines involved; empty when it passed. */
    static Map<FailureKind, Set<CodeLine>> of(KataResult kata) {
        var found = new EnumMap<FailureKind, Set<CodeLine>>(FailureKind.class);
        if (KataResult.ERROR.equals(kata.status()) && kata.tests().isEmpty()) {
            var kind = FailureKind.ofKataError(kata);
            found.computeIfAbsent(kind, k -> new TreeSet<>()).addAll(lines(kata, kata.message()));
            return found;
        }
        for (var test : kata.tests()) {
            if (!test.passed()) {
                var kind = FailureKind.ofTest(test);
                found.computeIfAbsent(kind, k -> new TreeSet<>()).addAll(lines(kata, test.message()));
            }
        }
        add(found, FailureKind.DATA_RACE, kata, kata.races());
        add(found, FailureKind.DEADLOCK, kata, kata.deadlocks());
        add(found, FailureKind.LEAK, kata, kata.leaks());
        if (found.isEmpty() && !kata.passed()) {
            found.put(KataResult.ERROR.equals(kata.status()) ? FailureKind.ofKataError(kata) : FailureKind.WRONG_RESULT,
                    new TreeSet<>(lines(kata, kata.message())));
        }
        return found;
    }

    private static void add(Map<FailureKind, Set<CodeLine>> found, FailureKind kind, KataResult kata, List<String> reports) {
        for (var report : reports) {
            found.computeIfAbsent(kind, k -> new TreeSet<>()).addAll(lines(kata, report));
        }
    }

    /** The student's lines named in {@code text}: files of the kata when it lists them, else any non-test file. */
    static Set<CodeLine> lines(KataResult kata, String text) {
        var lines = new TreeSet<CodeLine>();
        var matcher = LOCATION.matcher(text);
        while (matcher.find()) {
            var file = matcher.group(1);
            var students = kata.files().isEmpty() ? !TEST_FILE.matcher(file).matches() : kata.files().contains(file);
            if (students) {
                lines.add(new CodeLine(file, Integer.parseInt(matcher.group(2))));
            }
        }
        return lines;
    }
}

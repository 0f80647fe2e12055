package dev.gokata.grader.classroom;

import dev.gokata.grader.report.KataResult;
import java.util.EnumMap;
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
        if (kata.passed()) {
            return found;
        }
        if (kata.compileError() || (KataResult.ERROR.equals(kata.status()) && kata.tests().isEmpty())) {
            found.put(FailureKind.ofKataError(kata),
                    lines(kata, text(kata.compileOutput()) + "\n" + text(kata.message())));
            return found;
        }
        for (var test : kata.tests()) {
            if (!test.passed()) {
                var text = String.join("\n", text(test.message()), text(test.deadlock()),
                        String.join("\n", test.races()), String.join("\n", test.leaks()));
                found.computeIfAbsent(FailureKind.ofTest(test), k -> new TreeSet<>()).addAll(lines(kata, text));
            }
        }
        if (found.isEmpty()) {
            found.put(KataResult.ERROR.equals(kata.status()) ? FailureKind.ofKataError(kata) : FailureKind.WRONG_RESULT,
                    lines(kata, text(kata.message())));
        }
        return found;
    }

    /** A report text of the results JSON, empty when it is absent. */
    static String text(String field) {
        return field == null ? "" : field;
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

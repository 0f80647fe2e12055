package dev.gokata.grader.worker;

import java.util.ArrayList;
import java.util.List;

/**
 * Drops the test harness's frames (JUnit's and the worker's) from a test's goroutine dumps, which Go's {@code go
 * test} ends at the test function: the student reads where each goroutine of theirs is stuck, not how JUnit
 * reached the test method.
 */
final class HarnessFrames {
    /** The packages whose frames are the harness's: JUnit's, and this worker's ({@link GoroutineExtension}). */
    private static final List<String> HARNESS = List.of("org.junit.", HarnessFrames.class.getPackageName() + ".");

    private HarnessFrames() {
    }

    /**
     * {@code report} without the harness's frames; in Go's traceback format a frame is a {@code function(...)}
     * line followed by its tab-indented location.
     */
    static String hide(String report) {
        String[] lines = report.split("\n", -1);
        var kept = new ArrayList<String>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            if (isHarnessFrame(lines[i]) && i + 1 < lines.length && lines[i + 1].startsWith("\t")) {
                i++; // its location line goes with it
                continue;
            }
            kept.add(lines[i]);
        }
        return String.join("\n", kept);
    }

    private static boolean isHarnessFrame(String line) {
        return line.endsWith("(...)") && HARNESS.stream().anyMatch(line::startsWith);
    }
}

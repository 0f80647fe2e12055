package dev.gokata.grader.worker;

import dev.gokata.runtime.Goroutine;
import java.util.ArrayList;

/**
 * Drops the test harness's frames from a test's goroutine dumps, which Go's {@code go test} ends at the test
 * function: the student reads where each goroutine of theirs is stuck, not how JUnit reached the test method or
 * which helper of the hidden tests called their code.
 *
 * <p>A kata's code and its hidden tests share one package, so a frame is the student's or the test's exactly when it
 * is in the test class's package; the runtime's frames stay too (Go's dumps show {@code sync.(*WaitGroup).Wait}).
 * Everything else in a dump is harness: JUnit, this worker, the hidden tests' shared helpers.
 */
final class HarnessFrames {
    private static final String RUNTIME = Goroutine.class.getPackageName() + ".";

    private HarnessFrames() {
    }

    /**
     * {@code report} with only the frames of {@code testPackage} and of the runtime; in Go's traceback format a frame
     * is a {@code function(...)} line followed by its tab-indented location.
     */
    static String hide(String report, String testPackage) {
        String[] lines = report.split("\n", -1);
        var kept = new ArrayList<String>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            if (isHarnessFrame(lines[i], testPackage + ".") && i + 1 < lines.length && lines[i + 1].startsWith("\t")) {
                i++; // its location line goes with it
                continue;
            }
            kept.add(lines[i]);
        }
        return String.join("\n", kept);
    }

    private static boolean isHarnessFrame(String line, String testPackage) {
        return line.endsWith("(...)") && !line.startsWith(testPackage) && !line.startsWith(RUNTIME);
    }
}

package dev.gokata.grader.worker;

import dev.gokata.runtime.race.Race;
import dev.gokata.runtime.race.RaceDetector;
import dev.gokata.runtime.race.RaceReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The worker's view of the race detector: the Go-format reports of the races found while one test ran.
 *
 * <p>An adapter over {@link RaceDetector}'s {@code mark()}/{@code since(mark)}, so the extension does not depend on
 * the detector's details. With the detector off ({@code -Dgokata.race} unset, no agent) it reports nothing.
 */
interface RaceReports {

    /**
     * Forgets reports from before the test that starts now. {@code previousEndedQuietly}: no goroutine of an earlier
     * test is still running, so the detector may forget all its state too (clocks stay small, memory bounded).
     */
    void testStarted(boolean previousEndedQuietly);

    /**
     * The races found since {@link #testStarted(boolean)}, which ran as test {@code test} ({@code Class.method}, and
     * the invocation's name for one run of a parameterized test).
     */
    Found testFinished(String test);

    /**
     * The races of one test: those this JVM had not reported before, in Go's format (between the two lines of
     * {@code =}), and a line for each race an earlier test already reported in full. Go reports a race once per
     * process; a race in shared code would otherwise fill the student's screen with the same report once per test.
     * Every test during which a race happened still fails, as each would under {@code go test -race -count=1}
     * run alone.
     */
    record Found(List<String> reports, List<String> repeats) {
        static final Found NONE = new Found(List.of(), List.of());

        boolean isEmpty() {
            return reports.isEmpty() && repeats.isEmpty();
        }

        /** {@code go test}'s words for a test during which races happened, then the reports and the repeats. */
        String message() {
            return "race detected during execution of test\n\n" + String.join("", reports) + String.join("", repeats);
        }
    }

    /** No detector: no reports. */
    RaceReports NONE = new RaceReports() {
        @Override
        public void testStarted(boolean previousEndedQuietly) {
        }

        @Override
        public Found testFinished(String test) {
            return Found.NONE;
        }
    };

    /** The detector of this JVM. */
    static RaceReports current() {
        return Race.ENABLED ? Detector.INSTANCE : NONE;
    }

    /**
     * The runtime's detector. Implementation note: tests run one at a time, so one mark at a time is current;
     * it is volatile because the JUnit thread sets it and reads it around the program's goroutines. Only the JUnit
     * thread touches {@code firstReportedIn}.
     */
    final class Detector implements RaceReports {
        static final Detector INSTANCE = new Detector();
        private volatile int mark;
        /** A race's two source lines, either way round, to the test that reported it in full. */
        private final Map<Set<String>, String> firstReportedIn = new HashMap<>();

        @Override
        public void testStarted(boolean previousEndedQuietly) {
            if (previousEndedQuietly) {
                RaceDetector.reset();
            }
            mark = RaceDetector.mark();
        }

        @Override
        public Found testFinished(String test) {
            var reports = new ArrayList<String>();
            var repeats = new ArrayList<String>();
            for (RaceReport r : RaceDetector.since(mark)) {
                String first = firstReportedIn.putIfAbsent(Set.copyOf(r.lines()), test);
                if (first == null) {
                    reports.add(r.text());
                } else {
                    repeats.add(repeat(r, first));
                }
            }
            return new Found(List.copyOf(reports), List.copyOf(repeats));
        }

        private static String repeat(RaceReport r, String first) {
            return "WARNING: DATA RACE, the same as in " + first + " (its report shows both stacks): "
                    + (r.current().write() ? "write" : "read") + " at " + r.lines().get(0) + " against the previous "
                    + (r.previous().write() ? "write" : "read") + " at " + r.lines().get(1) + "\n";
        }
    }
}

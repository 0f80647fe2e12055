package dev.gokata.grader.worker;

import dev.gokata.runtime.race.Race;
import dev.gokata.runtime.race.RaceDetector;
import dev.gokata.runtime.race.RaceReport;
import java.util.List;

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

    /** The reports found since {@link #testStarted(boolean)}, each in Go's format (between the two lines of {@code =}). */
    List<String> testFinished();

    /** No detector: no reports. */
    RaceReports NONE = new RaceReports() {
        @Override
        public void testStarted(boolean previousEndedQuietly) {
        }

        @Override
        public List<String> testFinished() {
            return List.of();
        }
    };

    /** The detector of this JVM. */
    static RaceReports current() {
        return Race.ENABLED ? Detector.INSTANCE : NONE;
    }

    /**
     * The runtime's detector. Implementation note: tests run one at a time, so one mark at a time is current;
     * it is volatile because the JUnit thread sets it and reads it around the program's goroutines.
     */
    final class Detector implements RaceReports {
        static final Detector INSTANCE = new Detector();
        private volatile int mark;

        @Override
        public void testStarted(boolean previousEndedQuietly) {
            if (previousEndedQuietly) {
                RaceDetector.reset();
            }
            mark = RaceDetector.mark();
        }

        @Override
        public List<String> testFinished() {
            return RaceDetector.since(mark).stream().map(RaceReport::text).toList();
        }
    }
}

package dev.gokata.grader.worker;

import java.util.List;

/**
 * The worker's view of the race detector: the Go-format reports of the races found while one test ran.
 *
 * <p>Adapter: the detector's API (runtime package {@code dev.gokata.runtime.race}) lands on branch {@code race};
 * until then {@link #NONE} stands in, and {@link #current()} is the one place to switch over.
 */
interface RaceReports {

    /** Forgets reports from before the test that starts now. */
    void testStarted();

    /** The reports found since {@link #testStarted()}, each in Go's format (between the two lines of {@code =}). */
    List<String> testFinished();

    /** No detector: no reports. */
    RaceReports NONE = new RaceReports() {
        @Override
        public void testStarted() {
        }

        @Override
        public List<String> testFinished() {
            return List.of();
        }
    };

    /** The detector of this JVM. */
    static RaceReports current() {
        return NONE;
    }
}

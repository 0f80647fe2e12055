package dev.gokata.grader.worker;

import java.time.Duration;
import java.util.Optional;

/**
 * What the worker's JUnit extension needs from the worker (limits), and what it tells it back (stop after this
 * test). The extension is created by JUnit's service loading, so this is static; outside a worker JVM it is unset
 * and the extension stays out of the way.
 *
 * <p>Implementation note: both fields are volatile; {@code settings} is written once before the launcher starts.
 */
final class WorkerContext {
    record Settings(WorkerRequest request, Duration leakGrace) {
        /** The time limit of each test method of {@code testClass}. */
        Duration testTimeLimit(String testClass) {
            return Duration.ofMillis(request.testTimeLimitMillis(testClass));
        }
    }

    private static volatile Settings settings;
    /** Why the worker must end after the current test, or null. */
    private static volatile String abandon;

    private WorkerContext() {
    }

    static void init(Settings s) {
        settings = s;
    }

    /** The limits, or null outside a worker JVM. */
    static Settings settings() {
        return settings;
    }

    /**
     * A test's goroutine cannot be stopped (it timed out, or computes on after its test): the worker must end after
     * reporting it, for the {@code reason} given.
     */
    static void requestAbandon(String reason) {
        abandon = reason;
    }

    /** Why the worker must end after the current test, if it must. */
    static Optional<String> abandonRequested() {
        return Optional.ofNullable(abandon);
    }
}

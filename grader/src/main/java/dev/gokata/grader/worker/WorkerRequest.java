package dev.gokata.grader.worker;

import java.util.List;
import java.util.Map;

/**
 * What the host asks one worker JVM to run, written by the host as JSON to a file whose path is the worker's first
 * argument.
 *
 * @param testClasses         fully qualified hidden test classes, in the catalogue's order
 * @param only                unique ids of the tests to run (the rest of a run the host restarted); empty: all
 * @param testTimeLimitMillis each test method's limit, after which it fails with a goroutine dump
 * @param classTimeLimits     per test class, a limit other than {@code testTimeLimitMillis} (katas graded together)
 * @param leakGraceMillis     how long goroutines may take to finish after a passing test body
 * @param outputCapBytes      the most output kept per test
 */
public record WorkerRequest(List<String> testClasses, List<String> only, long testTimeLimitMillis,
                            Map<String, Long> classTimeLimits, long leakGraceMillis, int outputCapBytes) {
    public WorkerRequest {
        testClasses = List.copyOf(testClasses);
        only = only == null ? List.of() : List.copyOf(only);
        classTimeLimits = classTimeLimits == null ? Map.of() : Map.copyOf(classTimeLimits);
    }

    /** The time limit of each test method of {@code testClass}. */
    public long testTimeLimitMillis(String testClass) {
        return classTimeLimits.getOrDefault(testClass, testTimeLimitMillis);
    }
}

package dev.gokata.grader.worker;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One line of the worker's results file (JSON Lines, flushed line by line, so a worker that is killed or ends the
 * JVM still leaves the results of the tests it finished, and the name of the one it was running).
 *
 * <p>Order: one {@link Plan}; then per test {@link Started} and {@link Finished}; {@link ContainerFailed} when a
 * test class could not run; finally {@link Done}, or {@link Abandoned} when the worker stops early on purpose.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WorkerEvent.Plan.class, name = "plan"),
        @JsonSubTypes.Type(value = WorkerEvent.Started.class, name = "started"),
        @JsonSubTypes.Type(value = WorkerEvent.Finished.class, name = "finished"),
        @JsonSubTypes.Type(value = WorkerEvent.ContainerFailed.class, name = "container"),
        @JsonSubTypes.Type(value = WorkerEvent.Abandoned.class, name = "abandoned"),
        @JsonSubTypes.Type(value = WorkerEvent.Done.class, name = "done")})
public sealed interface WorkerEvent {

    /** A graded unit: a test method (or a parameterized template, whose invocations are graded together). */
    record Unit(String id, String className, String method, String displayName) {
    }

    /** The units discovered, in execution order, and the classes that could not be discovered, with why. */
    record Plan(List<Unit> units, List<ContainerFailed> undiscovered) implements WorkerEvent {
    }

    /** A test (or an invocation of a template) started; its output is being captured. */
    record Started(String id) implements WorkerEvent {
    }

    /**
     * A test, an invocation or a template finished.
     *
     * @param deadlock Go's deadlock report with the dump, when the test deadlocked
     * @param leaks    the tracebacks of goroutines still alive after a passing body
     * @param races    the Go-format race reports found during the test
     */
    record Finished(String id, String displayName, Verdict verdict, String message, String output, long millis,
                    String deadlock, List<String> leaks, List<String> races) implements WorkerEvent {
    }

    /** A test class (or a template) failed as a whole, before or around its tests. */
    record ContainerFailed(String id, String className, String message) implements WorkerEvent {
    }

    /** The worker stops early on purpose (a test timed out and its goroutine cannot be stopped); restart the rest. */
    record Abandoned(String reason) implements WorkerEvent {
    }

    /** Every requested test ran. */
    record Done() implements WorkerEvent {
    }
}

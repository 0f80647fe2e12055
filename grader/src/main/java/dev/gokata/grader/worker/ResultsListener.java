package dev.gokata.grader.worker;

import dev.gokata.runtime.GoFatalError;
import dev.gokata.runtime.GoPanic;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Turns JUnit's execution events into the worker's results file: the plan of graded units, then each test's
 * verdict, message, captured output and Go reports as soon as it finishes.
 *
 * <p>Before the first test of another kata (package), it ends the JVM unless the earlier tests' programs have
 * settled ({@link GoroutineExtension#earlierProgramsSettled}); the host runs the tests left in a fresh one.
 *
 * <p>Called by the launcher on its single execution thread, in JUnit's order (plan started, then started/finished
 * per node, depth first); the only state shared with other threads is the captured output, which guards itself.
 */
final class ResultsListener implements TestExecutionListener {
    private static final int FRAMES = 12;
    /**
     * What JUnit appends to the message of a failed {@code assertTrue(condition, message)} or {@code assertFalse}:
     * the hidden tests' message already says what went wrong and what to do.
     */
    private static final Pattern BOOLEAN_TAIL =
            Pattern.compile(" ==> expected: <(true|false)> but was: <(true|false)>\\z");
    private final EventWriter out;
    private final CapturedOutput captured;
    private final List<WorkerEvent.ContainerFailed> undiscovered;
    private final Map<String, Long> startedAt = new HashMap<>();
    private final Deque<TestIdentifier> openTemplates = new ArrayDeque<>();
    /** The package of the test started last: its kata. */
    private String lastKata;

    ResultsListener(EventWriter out, CapturedOutput captured, List<WorkerEvent.ContainerFailed> undiscovered) {
        this.out = out;
        this.captured = captured;
        this.undiscovered = undiscovered;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        var units = new ArrayList<WorkerEvent.Unit>();
        for (TestIdentifier root : plan.getRoots()) {
            collect(plan, root, units);
        }
        out.write(new WorkerEvent.Plan(units, undiscovered));
    }

    private static void collect(TestPlan plan, TestIdentifier id, List<WorkerEvent.Unit> units) {
        var method = methodSource(id);
        if (method.isPresent()) {
            var m = method.get();
            units.add(new WorkerEvent.Unit(id.getUniqueId(), m.getClassName(), m.getMethodName(), id.getDisplayName()));
            return;
        }
        for (TestIdentifier child : plan.getChildren(id)) {
            collect(plan, child, units);
        }
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        var method = methodSource(id);
        if (method.isEmpty()) {
            return;
        }
        String className = method.get().getClassName();
        String kata = className.substring(0, Math.max(className.lastIndexOf('.'), 0));
        if (lastKata != null && !kata.equals(lastKata) && !GoroutineExtension.earlierProgramsSettled()) {
            out.write(new WorkerEvent.Abandoned("the tests of " + lastKata + " left goroutines or timers that may run"
                    + " again; the tests of " + kata + " get a fresh JVM, as each Go package's tests run in a process"
                    + " of their own"));
            Runtime.getRuntime().halt(0);
        }
        lastKata = kata;
        startedAt.put(id.getUniqueId(), System.nanoTime());
        if (id.isContainer()) {
            openTemplates.push(id);
        } else {
            captured.take();
            out.write(new WorkerEvent.Started(id.getUniqueId()));
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (methodSource(id).isPresent()) {
            out.write(new WorkerEvent.Finished(id.getUniqueId(), id.getDisplayName(), Verdict.FAIL,
                    "the test was skipped: " + reason, "", 0, null, List.of(), List.of()));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (methodSource(id).isEmpty()) {
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                String className = id.getSource().filter(ClassSource.class::isInstance)
                        .map(s -> ((ClassSource) s).getClassName()).orElse("");
                String message = result.getThrowable().map(ResultsListener::describe).orElse("the test class failed");
                out.write(new WorkerEvent.ContainerFailed(id.getUniqueId(), className, message));
            }
            return;
        }
        if (id.isContainer()) {
            openTemplates.remove(id);
        }
        long millis = (System.nanoTime() - startedAt.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1_000_000;
        String output = id.isTest() ? captured.take() : "";
        out.write(finished(id, result, output, millis));
        var abandon = WorkerContext.abandonRequested();
        if (abandon.isPresent()) {
            abandon(result, abandon.get());
        }
    }

    /** A test's goroutine still runs, and no JVM can stop it: report, close open templates, end. */
    private void abandon(TestExecutionResult cause, String reason) {
        for (TestIdentifier template : openTemplates) {
            out.write(finished(template, cause, "", 0));
        }
        out.write(new WorkerEvent.Abandoned(reason));
        Runtime.getRuntime().halt(0);
    }

    private static WorkerEvent.Finished finished(TestIdentifier id, TestExecutionResult result, String output,
            long millis) {
        String uid = id.getUniqueId();
        String name = id.getDisplayName();
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return new WorkerEvent.Finished(uid, name, Verdict.PASS, "", output, millis, null, List.of(), List.of());
        }
        Throwable t = result.getThrowable().orElse(null);
        if (t == null) {
            return new WorkerEvent.Finished(uid, name, Verdict.FAIL, "the test was aborted", output, millis, null,
                    List.of(), List.of());
        }
        List<String> races = new ArrayList<>();
        String raceMessage = null; // races found while a test failed for another reason
        for (Throwable s : t.getSuppressed()) {
            if (s instanceof GradingFailure g && g.kind() == GradingFailure.Kind.RACE) {
                races.addAll(g.details());
                raceMessage = g.getMessage();
            }
        }
        String deadlock = null;
        List<String> leaks = List.of();
        Verdict verdict = Verdict.FAIL;
        if (t instanceof GradingFailure g) {
            switch (g.kind()) {
                case TIMEOUT -> verdict = Verdict.TIMEOUT;
                case DEADLOCK -> deadlock = g.getMessage();
                case LEAK -> leaks = g.details();
                case RACE -> races.addAll(g.details());
                case PANIC -> {
                }
            }
        } else if (Explain.linkage(t).isPresent()) {
            verdict = Verdict.ERROR;
        }
        String message = describe(t);
        if (raceMessage != null) {
            message += "\n\n" + raceMessage;
        }
        return new WorkerEvent.Finished(uid, name, verdict, message, output, millis, deadlock, leaks, races);
    }

    /** The failure in a student's words: an assertion's message, Go's panic text, or the linkage explained. */
    static String describe(Throwable t) {
        var linkage = Explain.linkage(t);
        if (linkage.isPresent()) {
            return linkage.get();
        }
        if (t instanceof GradingFailure) {
            return t.getMessage();
        }
        if (t instanceof AssertionError) {
            return t.getMessage() == null ? t.getClass().getSimpleName()
                    : BOOLEAN_TAIL.matcher(t.getMessage()).replaceFirst("");
        }
        var sb = new StringBuilder();
        if (t instanceof GoFatalError) {
            sb.append("fatal error: ").append(t.getMessage());
        } else if (t instanceof GoPanic) {
            sb.append("panic: ").append(t.getMessage());
        } else {
            sb.append("panic: ").append(t);
        }
        sb.append("\n\ngoroutine 1 [running]:\n");
        int shown = 0;
        for (StackTraceElement f : t.getStackTrace()) {
            String c = f.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("org.junit.")
                    || c.startsWith("dev.gokata.grader.")) {
                continue;
            }
            sb.append(c).append('.').append(f.getMethodName()).append("(...)\n\t")
                    .append(f.getFileName()).append(':').append(f.getLineNumber()).append('\n');
            if (++shown == FRAMES) {
                break;
            }
        }
        return sb.toString();
    }

    private static Optional<MethodSource> methodSource(TestIdentifier id) {
        return id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
    }
}

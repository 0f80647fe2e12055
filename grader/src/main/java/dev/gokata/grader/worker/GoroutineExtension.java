package dev.gokata.grader.worker;

import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.GroupedDump;
import dev.gokata.runtime.Outcome;
import dev.gokata.runtime.Program;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs each hidden test method's body as goroutine 1 of a fresh {@link Program}, the way {@code go test} runs a
 * test function, and fails the test on what Go's runtime would report: a panic in any goroutine, a deadlock, a
 * timeout (with the goroutine dump), goroutines leaked after a passing body (or threads its goroutines started by
 * other means, an executor never shut down), or a data race.
 *
 * <p>Registered through {@code META-INF/services/org.junit.jupiter.api.extension.Extension}; the worker turns on
 * JUnit's extension auto-detection, so hidden tests need no annotation. JUnit allows {@code proceed()} from another
 * thread (its own {@code @Timeout(threadMode = SEPARATE_THREAD)} does so); the body then runs on the goroutine's
 * virtual thread while the JUnit thread waits for the program's outcome.
 */
public final class GoroutineExtension implements InvocationInterceptor {
    /** How long goroutines may still run after their test ended before the next tests get a fresh JVM. */
    private static final long STILL_RUNNING_MILLIS = 200;
    /**
     * The programs of the tests run so far in this JVM, held weakly; tests run one at a time. Once none has a
     * goroutine left, the race detector may forget everything before the next test (a goroutine running across
     * that would be reported falsely: a leaked one of any earlier test, not only of the last).
     */
    private static final List<WeakReference<Program>> PROGRAMS = new ArrayList<>();

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        runAsProgram(invocation, extensionContext, false);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        runAsProgram(invocation, extensionContext, true);
    }

    /** {@code invocationOfMany}: one run of a parameterized test or a property, named by its display name too. */
    private static void runAsProgram(Invocation<Void> invocation, ExtensionContext context, boolean invocationOfMany)
            throws Throwable {
        var settings = WorkerContext.settings();
        if (settings == null) {
            invocation.proceed();
            return;
        }
        String testPackage = context.getRequiredTestClass().getPackageName();
        String test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()
                + (invocationOfMany ? " [" + context.getDisplayName() + "]" : "");
        var races = RaceReports.current();
        races.testStarted(noGoroutineLeft());
        var program = new Program();
        PROGRAMS.add(new WeakReference<>(program));
        var failure = new AtomicReference<Throwable>();
        Outcome outcome = program.run(() -> {
            try {
                invocation.proceed();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, settings.testTimeLimit(context.getRequiredTestClass().getName()));
        try {
            judge(outcome, program, failure.get(), settings, races, test, testPackage);
        } finally {
            if (!(outcome instanceof Outcome.TimedOut)) {
                abandonIfStillRunning(program);
            }
        }
    }

    /** Fails the test on what its program's {@code outcome}, its body's {@code failure} and its races show. */
    private static void judge(Outcome outcome, Program program, Throwable body, WorkerContext.Settings settings,
            RaceReports races, String test, String testPackage) throws Throwable {
        switch (outcome) {
            case Outcome.TimedOut t -> {
                WorkerContext.requestAbandon("a test timed out; its goroutines cannot be stopped, so this JVM ends");
                throw withRaces(failure(GradingFailure.Kind.TIMEOUT, t.report(), testPackage), races, test);
            }
            case Outcome.Deadlocked d ->
                    throw withRaces(failure(GradingFailure.Kind.DEADLOCK, d.report(), testPackage), races, test);
            case Outcome.Panicked p -> {
                var explained = Explain.linkage(p.cause());
                if (explained.isPresent()) {
                    throw p.cause();
                }
                throw withRaces(failure(GradingFailure.Kind.PANIC, p.report(), testPackage), races, test);
            }
            case Outcome.Exited e -> {
                if (body != null) {
                    throw withRaces(body, races, test);
                }
                var tracebacks = new ArrayList<String>();
                for (Goroutine g : program.leaks(settings.leakGrace())) {
                    String traceback = HarnessFrames.hide(g.traceback(), testPackage);
                    if (!g.finished()) { // one that ended while the others were read is no leak
                        tracebacks.add(traceback);
                    }
                }
                var late = program.panicAfterEnd();
                if (late.isPresent()) {
                    throw withRaces(failure(GradingFailure.Kind.PANIC, "a goroutine panicked after the test returned"
                            + " (in Go this crashes the test binary):\n\n" + late.get().report(), testPackage),
                            races, test);
                }
                if (!tracebacks.isEmpty()) {
                    String message = "found " + tracebacks.size() + " leaked goroutine"
                            + (tracebacks.size() == 1 ? "" : "s") + " after the test returned (still alive "
                            + settings.leakGrace().toMillis() + "ms later):\n\n" + GroupedDump.of(tracebacks);
                    throw withRaces(new GradingFailure(GradingFailure.Kind.LEAK, message, tracebacks), races, test);
                }
                var threads = program.threadsLeft(settings.leakGrace()).stream()
                        .map(t -> HarnessFrames.hide(Program.traceback(t), testPackage)).toList();
                if (!threads.isEmpty()) {
                    String message = "found " + threads.size() + " leaked thread" + (threads.size() == 1 ? "" : "s")
                            + " after the test returned (still alive " + settings.leakGrace().toMillis() + "ms later),"
                            + " started by other means than go(...): shut down the executor that runs "
                            + (threads.size() == 1 ? "it" : "them") + " (executor.close(), or try-with-resources), or"
                            + " start goroutines with go(...) instead\n\n" + String.join("\n", threads);
                    throw withRaces(new GradingFailure(GradingFailure.Kind.LEAK, message, threads), races, test);
                }
                var found = races.testFinished(test);
                if (!found.isEmpty()) {
                    throw new GradingFailure(GradingFailure.Kind.RACE, found.message(), found.reports());
                }
            }
        }
    }

    /** Whether no program of an earlier test, nor a sandbox it ran, has a goroutine left. */
    private static boolean noGoroutineLeft() {
        return earlierPrograms().stream().allMatch(p -> p.goroutinesWithin().isEmpty());
    }

    /**
     * Whether nothing of the earlier tests' programs can run again ({@link Program#settled}): a kata's tests may
     * then share this JVM with the tests before them, of another kata. A timer that goes on firing, or a goroutine
     * that sleeps in a loop, would print into the next kata's tests, as they never could in Go, where each package's
     * tests are a process of their own.
     */
    static boolean earlierProgramsSettled() {
        return earlierPrograms().stream().allMatch(Program::settled);
    }

    /** The programs of the tests run so far that are still reachable; forgets the others. */
    private static List<Program> earlierPrograms() {
        PROGRAMS.removeIf(ref -> ref.get() == null);
        return PROGRAMS.stream().map(WeakReference::get).filter(Objects::nonNull).toList();
    }

    /**
     * Asks for a fresh JVM for the tests after this one if a goroutine of its {@code program}, or of a program the
     * test ran in a sandbox, still runs ({@link #stillRuns}) {@value #STILL_RUNNING_MILLIS} ms after the test ended:
     * a stage that loops on without returning would otherwise keep the carriers from the next tests, and change
     * their verdicts from one grading to the next. A timed-out test's JVM is abandoned already.
     */
    private static void abandonIfStillRunning(Program program) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STILL_RUNNING_MILLIS);
        while (program.goroutinesWithin().stream().anyMatch(GoroutineExtension::stillRuns)) {
            if (System.nanoTime() > deadline) {
                WorkerContext.requestAbandon("a goroutine still runs " + STILL_RUNNING_MILLIS + " ms after its test"
                        + " ended and cannot be stopped, so this JVM ends");
                return;
            }
            Thread.sleep(5); // the JUnit thread, a platform thread: no goroutine waits on it
        }
    }

    /** Whether {@code g} computes (or waits to): not finished, parked neither in the runtime nor in the JDK. */
    private static boolean stillRuns(Goroutine g) {
        Thread t = g.thread();
        return !g.finished() && g.waitReason().isEmpty() && t != null && t.getState() == Thread.State.RUNNABLE;
    }

    /**
     * A failure of {@code kind} whose message is the runtime's {@code report}, the harness's frames left out and
     * goroutines alike shown once.
     */
    private static GradingFailure failure(GradingFailure.Kind kind, String report, String testPackage) {
        String shown = GroupedDump.ofReport(HarnessFrames.hide(report, testPackage));
        return new GradingFailure(kind, shown, List.of(shown));
    }

    /** Attaches the races found during a test that failed for another reason, so they are reported too. */
    private static Throwable withRaces(Throwable failure, RaceReports races, String test) {
        var found = races.testFinished(test);
        if (!found.isEmpty()) {
            failure.addSuppressed(new GradingFailure(GradingFailure.Kind.RACE, found.message(), found.reports()));
        }
        return failure;
    }
}

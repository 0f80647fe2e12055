package dev.gokata.grader.worker;

import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.Outcome;
import dev.gokata.runtime.Program;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs each hidden test method's body as goroutine 1 of a fresh {@link Program}, the way {@code go test} runs a
 * test function, and fails the test on what Go's runtime would report: a panic in any goroutine, a deadlock, a
 * timeout (with the goroutine dump), goroutines leaked after a passing body, or a data race.
 *
 * <p>Registered through {@code META-INF/services/org.junit.jupiter.api.extension.Extension}; the worker turns on
 * JUnit's extension auto-detection, so hidden tests need no annotation. JUnit allows {@code proceed()} from another
 * thread (its own {@code @Timeout(threadMode = SEPARATE_THREAD)} does so); the body then runs on the goroutine's
 * virtual thread while the JUnit thread waits for the program's outcome.
 */
public final class GoroutineExtension implements InvocationInterceptor {
    /** The program of the test that ran last in this JVM; tests run one at a time. */
    private static volatile Program lastProgram;

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
        Program previous = lastProgram;
        races.testStarted(previous == null || previous.numGoroutine() == 0);
        var program = new Program();
        lastProgram = program;
        var failure = new AtomicReference<Throwable>();
        Outcome outcome = program.run(() -> {
            try {
                invocation.proceed();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, settings.testTimeLimit(context.getRequiredTestClass().getName()));
        switch (outcome) {
            case Outcome.TimedOut t -> {
                WorkerContext.requestAbandon();
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
                Throwable body = failure.get();
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
                if (!tracebacks.isEmpty()) {
                    String message = "found " + tracebacks.size() + " leaked goroutine"
                            + (tracebacks.size() == 1 ? "" : "s") + " after the test returned (still alive "
                            + settings.leakGrace().toMillis() + "ms later):\n\n" + String.join("\n", tracebacks);
                    throw withRaces(new GradingFailure(GradingFailure.Kind.LEAK, message, tracebacks), races, test);
                }
                var found = races.testFinished(test);
                if (!found.isEmpty()) {
                    throw new GradingFailure(GradingFailure.Kind.RACE, found.message(), found.reports());
                }
            }
        }
    }

    /** A failure of {@code kind} whose message is the runtime's {@code report}, the harness's frames left out. */
    private static GradingFailure failure(GradingFailure.Kind kind, String report, String testPackage) {
        String shown = HarnessFrames.hide(report, testPackage);
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

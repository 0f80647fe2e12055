package dev.gokata.grader.worker;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The worker JVM's entry point: runs a kata's hidden tests with the JUnit Platform Launcher against the student's
 * classes (first on the class path) and writes the results, test by test, to the file the host named.
 *
 * <p>Usage (by the host only): {@code WorkerMain <request.json> <results.jsonl>}. Exit status 0 once every requested
 * test ran (whatever the verdicts); anything else, or a missing {@code done} line, means the run was cut short.
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: WorkerMain <request.json> <results.jsonl>"
                    + " (started by `gokata grade`, not by hand)");
            System.exit(2);
        }
        var request = EventWriter.JSON.readValue(Path.of(args[0]).toFile(), WorkerRequest.class);
        var captured = new CapturedOutput(request.outputCapBytes());
        var stream = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(stream);
        System.setErr(stream);
        WorkerContext.init(new WorkerContext.Settings(request, Duration.ofMillis(request.leakGraceMillis())));
        try (var out = new EventWriter(Path.of(args[1]))) {
            var undiscovered = new ArrayList<WorkerEvent.ContainerFailed>();
            List<DiscoverySelector> selectors = new ArrayList<>();
            if (request.only().isEmpty()) {
                for (String name : request.testClasses()) {
                    String problem = loadProblem(name);
                    if (problem == null) {
                        selectors.add(selectClass(name));
                    } else {
                        undiscovered.add(new WorkerEvent.ContainerFailed("", name, problem));
                    }
                }
            } else {
                request.only().forEach(id -> selectors.add(selectUniqueId(id)));
            }
            var discovery = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectors)
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                    // The kata's testTimeLimit is the only time limit here (GoroutineExtension): a hidden test's own
                    // @Timeout, for runs outside the grader, would end a runaway test with a bare TimeoutException
                    // instead of Go's "test timed out" and dump, and leave its goroutine spinning in this JVM.
                    .configurationParameter("junit.jupiter.execution.timeout.mode", "disabled")
                    .build();
            LauncherFactory.create().execute(discovery, new ResultsListener(out, captured, undiscovered));
            out.write(new WorkerEvent.Done());
        }
        System.out.flush();
        // Goroutines a test leaked may still run; the results are written, so end now rather than wait for them.
        Runtime.getRuntime().halt(0);
    }

    /** Why a hidden test class cannot be loaded against the student's classes, or null if it can. */
    private static String loadProblem(String className) {
        try {
            Class<?> c = Class.forName(className, false, WorkerMain.class.getClassLoader());
            c.getDeclaredMethods();
            c.getDeclaredFields();
            c.getDeclaredConstructors();
            return null;
        } catch (ClassNotFoundException e) {
            return "the hidden test class " + className + " is missing:"
                    + " run `./mvnw -q package -DskipTests` to build the hidden tests";
        } catch (LinkageError e) {
            return "the test class " + className + " cannot use your code: "
                    + Explain.linkage(e).orElse(e.toString());
        }
    }
}

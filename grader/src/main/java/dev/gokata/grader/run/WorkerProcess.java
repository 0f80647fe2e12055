package dev.gokata.grader.run;

import dev.gokata.grader.catalogue.GoDuration;
import dev.gokata.grader.sandbox.Sandbox;
import dev.gokata.grader.worker.WorkerEvent;
import dev.gokata.grader.worker.WorkerMain;
import dev.gokata.grader.worker.WorkerRequest;
import dev.gokata.grader.worker.WorkerWarmUp;
import dev.gokata.runtime.JvmOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The host side of a grading run: starts worker JVMs with the student's classes first on the class path, limits
 * their memory and time, drains their output, reads their results file, and restarts a fresh JVM for the tests
 * left when one had to end (a timed-out test's goroutine cannot be stopped; a student's {@code System.exit} ends
 * the JVM; a kata left a timer firing, and the next kata's tests must not share its JVM). Whatever happens, it
 * returns: a hung or crashed JVM becomes a verdict, never a hung grader.
 */
public final class WorkerProcess {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int JVM_OUTPUT_CAP = 64 * 1024;
    /**
     * The flags of both a worker JVM and the training run that makes its class-data-sharing archive: the archive
     * maps only into a JVM with the same garbage collector, and the training should run the runtime as workers do.
     */
    private static final List<String> SHARED_FLAGS = Stream.concat(
            Stream.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), JvmOptions.ALL.stream()).toList();

    /**
     * The guards of one run.
     *
     * @param runLimit   the whole run; the host kills the worker then
     * @param testLimit  each test method (the worker enforces it and dumps the goroutines)
     * @param classTestLimits per test class, a test limit other than {@code testLimit}
     * @param leakGrace  how long goroutines may outlive a passing test body
     * @param memoryMb   the worker's heap ({@code -Xmx})
     * @param outputCap  the most output kept per test
     */
    public record Limits(Duration runLimit, Duration testLimit, Map<String, Duration> classTestLimits,
                         Duration leakGrace, int memoryMb, int outputCap) {
        public Limits {
            classTestLimits = Map.copyOf(classTestLimits);
        }
    }

    private final Toolchain toolchain;
    private final Sandbox sandbox;

    public WorkerProcess(Toolchain toolchain) {
        this(toolchain, Sandbox.fromProperty());
    }

    /** Worker JVMs of {@code toolchain}, each started inside {@code sandbox}. */
    public WorkerProcess(Toolchain toolchain, Sandbox sandbox) {
        this.toolchain = toolchain;
        this.sandbox = sandbox;
    }

    /**
     * Runs {@code testClasses} from {@code testClassesDir} against {@code studentClasses}; {@code work} holds the
     * run's files.
     */
    public WorkerRun run(List<Path> studentClasses, Path testClassesDir, List<String> testClasses, Limits limits,
                         Path work) {
        long start = System.nanoTime();
        long deadline = start + limits.runLimit().toNanos();
        List<WorkerEvent.Unit> units = null;
        var finished = new LinkedHashMap<String, WorkerEvent.Finished>();
        var containers = new ArrayList<WorkerEvent.ContainerFailed>();
        var interrupted = new LinkedHashMap<String, WorkerRun.Interruption>();
        var jvmOutput = new StringBuilder();
        List<String> only = List.of();
        var retried = new HashSet<String>();
        for (int attempt = 1; ; attempt++) {
            var events = new Attempt(attempt, work);
            var exit = launch(studentClasses, testClassesDir, testClasses, only, limits, events, deadline);
            if (!exit.output().isBlank()) {
                jvmOutput.append(exit.output());
            }
            var read = events.read();
            if (units == null) {
                units = read.plan == null ? List.of() : read.plan.units();
                if (read.plan != null) {
                    containers.addAll(read.plan.undiscovered());
                }
            }
            read.finished.forEach(f -> finished.put(f.id(), withLimitNote(f)));
            containers.addAll(read.containers);
            if (read.done) {
                break;
            }
            String running = read.running();
            if (!exit.exited()) {
                String reason = "the grading run was stopped after " + GoDuration.format(limits.runLimit())
                        + " (the time limit in solutions/katas.yaml): the test JVM did not finish in time";
                markUnfinished(units, finished, interrupted, running, new WorkerRun.Interruption(true, reason));
                break;
            }
            if (!read.abandoned) {
                var why = new WorkerRun.Interruption(false, sandbox.isolated()
                        ? sandbox.policy().limitHit(exit.status(), limits.runLimit())
                                .or(() -> sandbox.policy().explain(exit.output()).map(n -> "the test JVM ended: " + n))
                                .orElseGet(() -> describeExit(exit.status(), exit.output(), limits))
                        : describeExit(exit.status(), exit.output(), limits));
                if (running == null) {
                    markUnfinished(units, finished, interrupted, null, why);
                    break;
                }
                // A JVM that dies during a test that was not its first may have died of what earlier tests left
                // behind (memory, goroutines): that test gets a fresh JVM of its own before it is judged.
                if (running.equals(read.started.getFirst()) || !retried.add(running)) {
                    interrupted.put(running, why);
                }
            }
            only = remaining(units, finished, interrupted);
            if (only.isEmpty() || attempt > 2 * units.size() + 1) {
                markUnfinished(units, finished, interrupted, null,
                        new WorkerRun.Interruption(false, "not run: the test JVM ended before this test"));
                break;
            }
        }
        return new WorkerRun(units, finished, containers, interrupted, jvmOutput.toString(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static List<String> remaining(List<WorkerEvent.Unit> units, Map<String, WorkerEvent.Finished> finished,
                                          Map<String, WorkerRun.Interruption> interrupted) {
        var left = new ArrayList<String>();
        for (var u : units) {
            if (!finished.containsKey(u.id()) && !interruptedAt(u, interrupted)) {
                left.add(u.id());
            }
        }
        return left;
    }

    private static void markUnfinished(List<WorkerEvent.Unit> units, Map<String, WorkerEvent.Finished> finished,
                                       Map<String, WorkerRun.Interruption> interrupted, String running,
                                       WorkerRun.Interruption why) {
        if (running != null) {
            interrupted.put(running, why);
        }
        for (var u : units) {
            if (!finished.containsKey(u.id()) && !interruptedAt(u, interrupted)) {
                interrupted.put(u.id(), running != null
                        ? new WorkerRun.Interruption(why.timedOut(), "not run: " + why.reason()) : why);
            }
        }
    }

    /** Whether the test unit {@code u} or one of the tests inside it was interrupted. */
    private static boolean interruptedAt(WorkerEvent.Unit u, Map<String, WorkerRun.Interruption> interrupted) {
        return interrupted.keySet().stream().anyMatch(id -> id.equals(u.id()) || id.startsWith(u.id() + "/"));
    }

    /** A failure caused by a sandbox limit (no thread, no space, a file too large) says which limit. */
    private WorkerEvent.Finished withLimitNote(WorkerEvent.Finished f) {
        return sandbox.policy().explain(f.message())
                .map(note -> new WorkerEvent.Finished(f.id(), f.displayName(), f.verdict(), f.message() + "\n" + note,
                        f.output(), f.millis(), f.deadlock(), f.leaks(), f.races()))
                .orElse(f);
    }

    private static String describeExit(int status, String output, Limits limits) {
        if (output.contains("OutOfMemoryError")) {
            return "the test ran out of memory (the limit is " + limits.memoryMb() + " MiB): "
                    + "does it keep every value it makes, or start goroutines without end?";
        }
        if (output.contains("StackOverflowError")) {
            return "the test overflowed the stack: is there a recursion without end?";
        }
        return "the test JVM ended with exit status " + status + " during this test: code under test must not call"
                + " System.exit or Runtime.halt (a Go program ends by returning from main, a test never ends the"
                + " process)"
                + (output.isBlank() ? "" : "\n" + output.strip());
    }

    private record Exit(boolean exited, int status, String output) {
    }

    private Exit launch(List<Path> studentClasses, Path testClassesDir, List<String> testClasses, List<String> only,
                        Limits limits, Attempt files, long deadline) {
        try {
            var classLimits = new java.util.HashMap<String, Long>();
            limits.classTestLimits().forEach((c, d) -> classLimits.put(c, d.toMillis()));
            JSON.writeValue(files.request.toFile(), new WorkerRequest(testClasses, only, limits.testLimit().toMillis(),
                    classLimits, limits.leakGrace().toMillis(), limits.outputCap()));
            Files.deleteIfExists(files.results);
            Files.createFile(files.results);
            // The toolchain's jars come first: student code can then never shadow the runtime or JUnit, and the
            // jar prefix is what the class-data-sharing archive was made for. The student's classes come before
            // the hidden tests; the reference solution is never on the path.
            var cp = new ArrayList<String>();
            toolchain.classpath().forEach(p -> cp.add(p.toString()));
            studentClasses.forEach(p -> cp.add(p.toString()));
            cp.add(testClassesDir.toString());
            var cmd = new ArrayList<String>(List.of(toolchain.java().toString()));
            cmd.addAll(SHARED_FLAGS);
            cmd.addAll(List.of("-XX:-UsePerfData", "-Xmx" + limits.memoryMb() + "m", "-Xss1m",
                    "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true"));
            var cds = classDataSharing(files.dir.getParent().getParent());
            cmd.addAll(cds);
            toolchain.raceAgent().ifPresent(agent -> {
                cmd.add("-javaagent:" + agent + "=" + String.join(File.pathSeparator,
                        studentClasses.stream().map(Path::toString).toList()));
                cmd.add("-Dgokata.race=true");
            });
            cmd.add("-cp");
            cmd.add(String.join(File.pathSeparator, cp));
            cmd.add(WorkerMain.class.getName());
            cmd.add(files.request.toString());
            cmd.add(files.results.toString());
            // The sandbox shows the JVM only what it loads, read-only, and lets it write only its results file.
            var readOnly = new ArrayList<Path>(List.of(toolchain.java().getParent().getParent(), testClassesDir,
                    files.request));
            readOnly.addAll(studentClasses);
            readOnly.addAll(toolchain.classpath());
            cds.stream().filter(o -> o.startsWith("-XX:SharedArchiveFile="))
                    .forEach(o -> readOnly.add(Path.of(o.substring("-XX:SharedArchiveFile=".length()))));
            var wrapped = sandbox.wrap(cmd, new Sandbox.View(readOnly, List.of(files.results), limits.runLimit()));
            var process = new ProcessBuilder(wrapped).redirectErrorStream(true).directory(files.dir.toFile()).start();
            process.getOutputStream().close();
            var output = new CappedBuffer(JVM_OUTPUT_CAP);
            Thread drainer = Thread.ofVirtual().start(() -> output.drain(process.getInputStream()));
            long left = deadline - System.nanoTime();
            boolean exited = left > 0 && process.waitFor(left, TimeUnit.NANOSECONDS);
            if (!exited) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            drainer.join(Duration.ofSeconds(2));
            return new Exit(exited, exited ? process.exitValue() : -1, output.text());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test JVM " + toolchain.java(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while grading", e);
        }
    }

    /**
     * The options that map the worker's classes from a class-data-sharing archive, made once per toolchain by a
     * training run of {@link dev.gokata.grader.worker.WorkerWarmUp}; none if the class path has folders (as under
     * Maven's tests) or the archive cannot be made. The archive saves most of a worker's start-up.
     */
    private List<String> classDataSharing(Path buildRoot) {
        if (!toolchain.allJars()) {
            return List.of("-Xshare:auto");
        }
        Path archive = buildRoot.resolve("worker-" + toolchain.fingerprint() + ".jsa");
        var quiet = List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        if (!Files.isRegularFile(archive)) {
            synchronized (WorkerProcess.class) {
                if (!Files.isRegularFile(archive)) {
                    train(archive);
                }
            }
        }
        if (!Files.isRegularFile(archive)) {
            return List.of("-Xshare:auto");
        }
        var options = new ArrayList<String>(List.of("-XX:SharedArchiveFile=" + archive));
        options.addAll(quiet);
        return options;
    }

    private void train(Path archive) {
        try {
            Path dir = Files.createTempDirectory(archive.getParent(), "train");
            Path request = dir.resolve("request.json");
            JSON.writeValue(request.toFile(), new WorkerRequest(List.of(WorkerWarmUp.class.getName()), List.of(),
                    10_000, Map.of(), 500, 1024));
            var cmd = new ArrayList<String>(List.of(toolchain.java().toString()));
            cmd.addAll(SHARED_FLAGS);
            cmd.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                    "-cp", String.join(File.pathSeparator, toolchain.classpath().stream().map(Path::toString).toList()),
                    WorkerMain.class.getName(), request.toString(), dir.resolve("results.jsonl").toString()));
            var p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("train.log").toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                Files.deleteIfExists(archive);
            }
            dev.gokata.grader.compile.KataCompiler.clean(dir);
            Files.delete(dir);
        } catch (IOException e) {
            // no archive: workers start slower, grading is the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The files of one worker JVM, and what it wrote. */
    private static final class Attempt {
        final Path dir;
        final Path request;
        final Path results;
        WorkerEvent.Plan plan;
        final List<WorkerEvent.Finished> finished = new ArrayList<>();
        final List<WorkerEvent.ContainerFailed> containers = new ArrayList<>();
        final List<String> started = new ArrayList<>();
        boolean done;
        boolean abandoned;

        Attempt(int n, Path work) {
            this.dir = work;
            this.request = work.resolve("request-" + n + ".json");
            this.results = work.resolve("results-" + n + ".jsonl");
        }

        Attempt read() {
            List<String> lines;
            try {
                lines = Files.readAllLines(results);
            } catch (IOException e) {
                lines = List.of();
            }
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                WorkerEvent event;
                try {
                    event = JSON.readValue(line, WorkerEvent.class);
                } catch (IOException e) {
                    continue; // a line cut by a kill: the test it would report stays unfinished
                }
                switch (event) {
                    case WorkerEvent.Plan p -> plan = p;
                    case WorkerEvent.Started s -> started.add(s.id());
                    case WorkerEvent.Finished f -> finished.add(f);
                    case WorkerEvent.ContainerFailed c -> containers.add(c);
                    case WorkerEvent.Abandoned a -> abandoned = true;
                    case WorkerEvent.Done d -> done = true;
                }
            }
            return this;
        }

        /** The test that started and never finished, if any. */
        String running() {
            Set<String> ended = new HashSet<>();
            finished.forEach(f -> ended.add(f.id()));
            for (int i = started.size() - 1; i >= 0; i--) {
                if (!ended.contains(started.get(i))) {
                    return started.get(i);
                }
            }
            return null;
        }
    }
}

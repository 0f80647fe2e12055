package dev.gokata.grader.cli;

import dev.gokata.grader.Grader;
import dev.gokata.grader.catalogue.Kata;
import dev.gokata.grader.compile.CompileResult;
import dev.gokata.grader.compile.GradedSources;
import dev.gokata.grader.compile.KataCompiler;
import dev.gokata.grader.run.Toolchain;
import dev.gokata.grader.sandbox.FileTrees;
import dev.gokata.runtime.JvmOptions;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gokata run [KATA]}: compiles the student's kata (the current one when none is named) and runs its main class
 * in a child JVM the way {@code go run -race} runs a program: Go's panic, deadlock and race reports, and Go's exit
 * status.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Compile a kata and run its program like `go run -race`: panics, deadlocks and"
        + " data races are reported as Go reports them, and the exit status is Go's (2 panic or deadlock, 66 race).",
        footer = {"%nExamples:", "  gokata run                       the current kata (the first one not passed)",
                "  gokata run waitgroup",
                "  gokata run pipeline -- 10 20     arguments after -- go to main"})
public final class RunCommand implements Callable<Integer> {
    private static final String GO_RUN = dev.gokata.runtime.GoRun.class.getName();

    @Spec
    CommandSpec spec;
    @Mixin
    CourseOptions course;

    @Parameters(index = "0", arity = "0..1", paramLabel = "KATA",
            description = "The kata whose program to run (default: the current one).")
    String kata;

    @Parameters(index = "1..*", paramLabel = "ARG",
            description = "Arguments for the program's main (after a KATA: gokata run KATA ARG...).")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        var err = spec.commandLine().getErr();
        var k = course.namedOrCurrent(kata, course.state());
        if (kata == null) {
            err.println("Running " + k.id() + ", the current kata (run another: gokata run KATA)");
        }
        var c = course.course();
        // Each run compiles into a folder of its own, removed when its program ends: a second run of the kata, in
        // another terminal, must not empty the folder the first one's program still loads its classes from (an edit
        // that does not compile left it empty). Not the grading lock: that would only order the two compilations.
        RunBuilds.removeLeftovers(c, err);
        Path build = RunBuilds.create(c, k);
        try {
            return compileAndRun(k, build, err);
        } finally {
            remove(build, err);
        }
    }

    private int compileAndRun(Kata k, Path build, PrintWriter err) throws IOException, InterruptedException {
        var out = spec.commandLine().getOut();
        var c = course.course();
        var toolchain = Toolchain.current();
        var classes = build.resolve("classes");
        var sources = GradedSources.of(c.exercise(k.id()), c.given(k.id()), k.id(), c::show);
        sources.notes().forEach(note -> err.println("note: " + note));
        var compiled = new KataCompiler(toolchain.compileClasspath(), c::show).compile(sources, classes);
        if (compiled instanceof CompileResult.Failed f) {
            err.print(f.messages());
            err.println(k.id() + " does not compile — " + Grader.nextStep(k, sources.folder(), "run"));
            err.flush();
            return 1;
        }
        var cmd = new ArrayList<String>(List.of(toolchain.java().toString(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        cmd.addAll(JvmOptions.ALL);
        toolchain.raceAgent().ifPresent(agent -> {
            cmd.add("-javaagent:" + agent + "=" + classes);
            cmd.add("-Dgokata.race=true");
        });
        var cp = new ArrayList<String>();
        cp.add(classes.toString());
        toolchain.classpath().forEach(p -> cp.add(p.toString()));
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, cp));
        cmd.add(GO_RUN);
        cmd.add(k.qualified(k.main()));
        cmd.addAll(args);
        out.flush();
        RunBuilds.programStarting(build);
        var process = new ProcessBuilder(cmd).directory(c.root().toFile()).inheritIO().start();
        RunBuilds.programStarted(build, process);
        // Ctrl-C stops this JVM and the program together: wait for the program's goroutine dump before the prompt,
        // then remove the build, as call() does when the program ends of itself. A program still running then keeps
        // its classes: the next run or grade removes the folder once it has ended.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            try {
                if (process.waitFor(5, TimeUnit.SECONDS)) {
                    remove(build, err);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        int status = process.waitFor();
        if (status != 0) {
            err.println("exit status " + status);
            err.flush();
        }
        return status;
    }

    /** Removes a run's build folder, or says which one stays (in .gokata/build/, where nothing reads it again). */
    private void remove(Path build, PrintWriter err) {
        try {
            FileTrees.delete(build);
        } catch (IOException e) {
            err.println("gokata: could not remove " + course.course().show(build) + " (" + e + "); delete it when"
                    + " you like, nothing reads it again");
            err.flush();
        }
    }
}

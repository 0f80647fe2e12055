package dev.gokata.grader.cli;

import dev.gokata.grader.GradeOptions;
import dev.gokata.grader.Grader;
import dev.gokata.grader.catalogue.Kata;
import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.Points;
import dev.gokata.grader.report.ResultsJson;
import dev.gokata.grader.report.TextReport;
import dev.gokata.grader.sandbox.Sandbox;
import dev.gokata.grader.sandbox.SandboxPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gokata grade}: compiles katas, runs their hidden tests in a guarded JVM, prints verdicts and points. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Compile a kata and run its hidden tests the way `go test -race` would: each test"
        + " passes, fails, errs or times out; panics, deadlocks, leaked goroutines and data races fail it"
        + " with Go's report.",
        footer = {"%nExit status 0 only when every graded kata passed every test.",
                "%nExamples:",
                "  gokata grade                 the current kata (the first one not passed)",
                "  gokata grade waitgroup       one kata",
                "  gokata grade --all --json results.json",
                "                               every ready kata, and the results for Exercism/Gradescope"})
public final class GradeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CourseOptions course;

    @Parameters(paramLabel = "KATA", arity = "0..*", description = "The katas to grade (default: the current one).")
    List<String> katas = new ArrayList<>();

    @Option(names = "--all", description = "Grade every ready kata, in course order.")
    boolean all;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Option(names = "--no-sandbox", description = "Run the hidden tests without the bubblewrap sandbox.")
    boolean noSandbox;

    @Override
    public Integer call() throws IOException {
        var out = spec.commandLine().getOut();
        var state = course.state();
        List<Kata> selected;
        if (all) {
            selected = course.catalogue().ready();
        } else if (!katas.isEmpty()) {
            selected = katas.stream().map(course.catalogue()::get).toList();
        } else {
            var current = course.current(state);
            if (current.isEmpty()) {
                out.println("Every kata has passed. Well done! Re-grade them all with `gokata grade --all`.");
                out.flush();
                return 0;
            }
            selected = List.of(current.get());
        }
        for (Kata k : selected) {
            if (!k.isReady()) {
                throw new IllegalArgumentException("kata " + k.id()
                        + " is not ready yet (ready: false in the catalogue)");
            }
        }
        var sandbox = noSandbox ? Sandbox.choose(Sandbox.Mode.OFF, SandboxPolicy.defaults()) : Sandbox.fromProperty();
        if (!sandbox.isolated()) {
            spec.commandLine().getErr().println("gokata: " + sandbox.describe());
        }
        RunBuilds.removeLeftovers(course.course(), spec.commandLine().getErr());
        try (var _ = GradingLock.acquire(course.course(), spec.commandLine().getErr())) {
            return grade(selected, new Grader(course.course().root(), GradeOptions.defaults().withSandbox(sandbox)));
        }
    }

    private int grade(List<Kata> selected, Grader grader) {
        var out = spec.commandLine().getOut();
        var report = new TextReport(spec.commandLine().getColorScheme().ansi());
        if (selected.size() > 1) {
            out.println("Grading " + selected.size() + " katas...");
            out.println();
            out.flush();
        }
        var sources = selected.stream().collect(Collectors.toMap(Kata::id, course::sourcesNow, (a, b) -> a));
        var result = grader.grade(selected, (KataResult k) -> {
            out.print(report.kata(k));
            out.println();
            out.flush();
            var state = course.state(); // as it is now: a hint asked for meanwhile stays revealed
            state.put(k.id(), state.get(k.id()).graded(k.passed(), k.score(), Instant.now(), sources.get(k.id())));
            state.save();
        });
        if (selected.size() > 1) {
            long passed = result.katas().stream().filter(KataResult::passed).count();
            out.println("Total " + report.bar((int) passed, selected.size(), 30) + " katas passed, "
                    + Points.format(result.score()) + " of " + Points.format(result.maxScore()) + " points");
        }
        if (json != null) {
            ResultsJson.write(result, json);
            out.println("Results written to " + json);
        }
        for (KataResult k : result.katas()) {
            if (!k.passed()) {
                Path folder = course.course().exercise(k.id());
                out.println(Grader.hasSources(folder)
                        ? "Next: fix " + course.course().show(folder) + "/ and run `gokata grade " + k.id()
                                + "`; stuck? `gokata hint " + k.id() + "`"
                        : "Next: `gokata reset " + k.id() + "` puts the starter back in " + course.course().show(folder)
                                + "/");
                break;
            }
        }
        out.flush();
        return result.passed() ? 0 : 1;
    }
}

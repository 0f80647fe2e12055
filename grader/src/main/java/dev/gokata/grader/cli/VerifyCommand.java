package dev.gokata.grader.cli;

import dev.gokata.grader.GradeOptions;
import dev.gokata.grader.Grader;
import dev.gokata.grader.catalogue.Kata;
import dev.gokata.grader.catalogue.LayoutCheck;
import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.Points;
import dev.gokata.grader.report.TextReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gokata verify}: the course author's check, run by CI. For each ready kata: the folders match the
 * catalogue, the reference solution passes every hidden test several times, the untouched starter fails at least
 * one, and every wrong-solution fixture fails; then no folder belongs to no kata.
 */
@Command(name = "verify", description = "Check the course (for authors and CI): every reference solution passes its"
        + " hidden tests repeatedly, every untouched starter and wrong-solution fixture fails, and the catalogue"
        + " and the folders agree.",
        footer = {"%nExit status 0 when every check passed, 1 otherwise.",
                "%nExamples:", "  gokata verify", "  gokata verify waitgroup --repeat 10"})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CourseOptions course;

    @Parameters(paramLabel = "KATA", arity = "0..*", description = "The katas to check (default: all).")
    List<String> katas = new ArrayList<>();

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "How many times each reference solution is graded (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var ansi = spec.commandLine().getColorScheme().ansi();
        var c = course.course();
        var catalogue = course.catalogue();
        var grader = new Grader(c.root(), GradeOptions.defaults());
        if (!Files.isDirectory(grader.hiddenTests())) {
            throw new IllegalStateException(c.show(grader.hiddenTests()) + " is missing: build the hidden tests first"
                    + " (./mvnw -q package -DskipTests, which ./gokata does for you)");
        }
        List<Kata> selected = katas.isEmpty() ? catalogue.katas() : katas.stream().map(catalogue::get).toList();
        var problems = new ArrayList<String>();
        int checked = 0;
        int skipped = 0;
        long start = System.nanoTime();
        for (Kata k : selected) {
            if (!k.isReady()) {
                skipped++;
                out.println(ansi.string("@|faint skip |@") + k.id() + ": not ready (ready: false in solutions/katas.yaml)");
                out.flush();
                continue;
            }
            checked++;
            var found = verify(grader, k, out);
            problems.addAll(found);
            out.println((found.isEmpty() ? ansi.string("@|green ok   |@") : ansi.string("@|red FAIL |@")) + k.id());
            found.forEach(p -> out.println("       " + p.replace("\n", "\n       ")));
            out.flush();
        }
        if (katas.isEmpty()) {
            var strays = LayoutCheck.strays(c, catalogue);
            strays.forEach(p -> out.println(ansi.string("@|red FAIL |@") + p));
            problems.addAll(strays);
        }
        out.println();
        String summary = String.format(Locale.ROOT, "verify: %d kata%s checked, %d skipped (not ready), %d problem%s (%.1f s)",
                checked, checked == 1 ? "" : "s", skipped, problems.size(), problems.size() == 1 ? "" : "s",
                (System.nanoTime() - start) / 1e9);
        out.println(problems.isEmpty() ? ansi.string("@|green,bold " + summary + "|@") : ansi.string("@|red,bold " + summary + "|@"));
        out.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    private List<String> verify(Grader grader, Kata k, PrintWriter out) {
        var c = course.course();
        var problems = new ArrayList<>(LayoutCheck.kata(c, k));
        if (!problems.isEmpty()) {
            return problems;
        }
        var report = new TextReport(spec.commandLine().getColorScheme().ansi());
        for (int i = 1; i <= repeat; i++) {
            var r = grader.gradeSources(k, c.solution(k.id()), "solution");
            if (!r.passed()) {
                problems.add("the reference solution " + c.show(c.solution(k.id())) + "/ fails (run " + i + " of " + repeat
                        + "):\n" + report.kata(r));
                break;
            }
        }
        KataResult starter = grader.gradeSources(k, c.exercise(k.id()), "starter");
        if (starter.passed()) {
            problems.add("the untouched starter " + c.show(c.exercise(k.id())) + "/ passes every test: the tests"
                    + " must catch a starter that does nothing");
        } else if (starter.compileError()) {
            problems.add("the starter " + c.show(c.exercise(k.id())) + "/ does not compile; a student must start from"
                    + " code that compiles:\n" + starter.compileOutput());
        }
        int fixtures = 0;
        for (var fixture : LayoutCheck.subfolders(c.fixtures(k.id()))) {
            fixtures++;
            var r = grader.gradeSources(k, fixture, "fixture-" + fixture.getFileName());
            if (r.passed()) {
                problems.add("the wrong solution " + c.show(fixture) + "/ passes every test: add a test that catches it");
            } else if (r.compileError()) {
                problems.add("the wrong solution " + c.show(fixture) + "/ does not compile (a fixture must fail a test,"
                        + " not javac):\n" + r.compileOutput());
            }
        }
        out.println("       solution passed " + repeat + "x, starter " + Points.format(starter.score()) + "/"
                + Points.format(starter.maxScore()) + " points, " + fixtures + " wrong solution" + (fixtures == 1 ? "" : "s"));
        return problems;
    }
}

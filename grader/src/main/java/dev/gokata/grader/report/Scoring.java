package dev.gokata.grader.report;

import dev.gokata.grader.catalogue.Kata;
import dev.gokata.grader.catalogue.TestGroup;
import dev.gokata.grader.run.WorkerRun;
import dev.gokata.grader.worker.Verdict;
import dev.gokata.grader.worker.WorkerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns what the worker reported into graded tests: one per test method (a parameterized test's invocations are
 * graded together), each worth its group's points divided by the group's number of tests. A test with no result
 * at all is an error: an unknown state is never a pass.
 */
public final class Scoring {
    private static final String COMPILE_ERROR = "the kata does not compile";

    private Scoring() {
    }

    /** The kata did not compile: each test group scores 0, with javac's messages. */
    public static KataResult compileError(Kata kata, String messages, String next, long millis) {
        var tests = new ArrayList<TestResult>();
        for (TestGroup g : kata.tests()) {
            tests.add(new TestResult(g.className(), "error", "the kata does not compile:\n" + messages, "", null, 0,
                    g.points(), "visible", List.of(kata.id(), g.className()), kata.id(), kata.qualified(g.className()),
                    null, Verdict.ERROR, List.of(), null, List.of(), 0));
        }
        return new KataResult(kata.id(), kata.title(), "error", COMPILE_ERROR + " — " + next, 0, kata.points(),
                messages, tests, null, millis, List.of(), List.of());
    }

    /** What to do about a kata that did not compile, as {@link #compileError}'s {@code next} said. */
    public static String nextAfterCompileError(KataResult k) {
        String prefix = COMPILE_ERROR + " — ";
        return k.message() != null && k.message().startsWith(prefix) ? k.message().substring(prefix.length())
                : "fix it and run `gokata grade " + k.id() + "`";
    }

    /** Grades a run of the kata's hidden tests (the run may hold other katas' tests too: only this kata's count). */
    public static KataResult graded(Kata kata, WorkerRun run, long millis) {
        var tests = new ArrayList<TestResult>();
        for (TestGroup g : kata.tests()) {
            String className = kata.qualified(g.className());
            var units = run.units().stream().filter(u -> u.className().equals(className)).toList();
            if (units.isEmpty()) {
                tests.add(missingGroup(kata, g, className, run));
                continue;
            }
            double each = (double) g.points() / units.size();
            for (var u : units) {
                tests.add(unit(kata, g, u, each, run));
            }
        }
        double score = tests.stream().mapToDouble(TestResult::score).sum();
        boolean allPass = !tests.isEmpty() && tests.stream().allMatch(TestResult::passed);
        long failing = tests.stream().filter(t -> !t.passed()).count();
        String message = allPass ? null : failing + " of " + tests.size() + " tests did not pass";
        return new KataResult(kata.id(), kata.title(), allPass ? "pass" : "fail", message, score, kata.points(), null,
                tests, run.output().isBlank() ? null : run.output(), millis, List.of(), List.of());
    }

    private static TestResult missingGroup(Kata kata, TestGroup g, String className, WorkerRun run) {
        String why = run.containers().stream().filter(c -> c.className().equals(className) || c.className().isEmpty())
                .map(WorkerEvent.ContainerFailed::message).findFirst()
                .or(() -> run.interrupted().values().stream().map(WorkerRun.Interruption::reason).findFirst())
                .orElse("no tests found in the hidden test class " + className
                        + (run.output().isBlank() ? "" : "; the test JVM said:\n" + run.output().strip()));
        return new TestResult(g.className(), "error", why, "", null, 0, g.points(), "visible",
                List.of(kata.id(), g.className()), kata.id(), className, null, Verdict.ERROR, List.of(), null,
                List.of(), 0);
    }

    private static TestResult unit(Kata kata, TestGroup g, WorkerEvent.Unit u, double points, WorkerRun run) {
        var events = run.resultsOf(u);
        var cuts = run.interrupted().entrySet().stream()
                .filter(e -> e.getKey().equals(u.id()) || e.getKey().startsWith(u.id() + "/"))
                .map(Map.Entry::getValue).toList();
        Verdict verdict = Verdict.PASS;
        var messages = new FailureMessages();
        var output = new StringBuilder();
        var races = new ArrayList<String>();
        var leaks = new ArrayList<String>();
        String deadlock = null;
        long millis = 0;
        boolean template = events.size() > 1;
        for (var e : events) {
            verdict = worst(verdict, e.verdict());
            if (e.verdict() != Verdict.PASS && !e.message().isBlank()) {
                if (template && !e.id().equals(u.id())) {
                    messages.addInvocation(e.displayName(), e.message());
                } else {
                    messages.add(e.message());
                }
            }
            output.append(e.output());
            races.addAll(e.races());
            leaks.addAll(e.leaks());
            if (e.deadlock() != null && deadlock == null) {
                deadlock = e.deadlock();
            }
            millis = Math.max(millis, e.millis());
        }
        for (var cut : cuts) {
            Verdict v = cut.timedOut() ? Verdict.TIMEOUT
                    : cut.reason().startsWith("not run") ? Verdict.ERROR : Verdict.FAIL;
            verdict = worst(verdict, v);
            messages.add(cut.reason());
        }
        if (events.isEmpty() && cuts.isEmpty()) {
            verdict = Verdict.ERROR;
            messages.add(run.containers().stream().filter(c -> c.className().equals(u.className()))
                    .map(WorkerEvent.ContainerFailed::message).findFirst()
                    .orElse("no result: the test never reported (an unknown state is a failure)"));
        }
        String message = messages.isEmpty() ? null : String.join("\n\n", messages.list());
        String name = simple(u.className()) + "." + u.method();
        return new TestResult(name, verdict.exercism(), message, output.toString(), null,
                verdict == Verdict.PASS ? points : 0, points, "visible", List.of(kata.id(), g.className()), kata.id(),
                u.className(), u.method(), verdict, races, deadlock, leaks, millis);
    }

    private static Verdict worst(Verdict a, Verdict b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case PASS -> 0;
            case FAIL -> 1;
            case ERROR -> 2;
            case TIMEOUT -> 3;
        };
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}

package dev.gokata.grader.cli;

import dev.gokata.grader.GradeOptions;
import dev.gokata.grader.Grader;
import dev.gokata.grader.catalogue.Course;
import dev.gokata.grader.catalogue.Kata;
import dev.gokata.grader.catalogue.LayoutCheck;
import dev.gokata.grader.compile.KataCompiler;
import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.Points;
import dev.gokata.grader.report.TextReport;
import dev.gokata.grader.worker.Explain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gokata verify}: the course author's check, run by CI. For each ready kata: the folders match the
 * catalogue, the reference solution passes every hidden test several times, the untouched starter fails at least
 * one, and every wrong-solution fixture fails; then no folder belongs to no kata. The record of the starters that
 * reset restores (solutions/starters.txt) must match the starters; {@code --update-starters} writes it again.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check the course (for authors and CI): every reference solution passes its"
        + " hidden tests repeatedly, every untouched starter and wrong-solution fixture fails, the catalogue"
        + " and the folders agree, and solutions/starters.txt (what gokata reset restores) records the starters.",
        footer = {"%nExit status 0 when every check passed, 1 otherwise.",
                "%nExamples:", "  gokata verify", "  gokata verify waitgroup --repeat 10",
                "  gokata verify --update-starters"})
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

    @Option(names = "--steady", paramLabel = "N", defaultValue = "1",
            description = "How many times each wrong solution is graded; from 2 on, a wrong solution whose tests do"
                    + " not get the same verdicts every time is a problem: a test whose verdict depends on the"
                    + " schedule grades the same code differently (default: ${DEFAULT-VALUE}).")
    int steady;

    @Option(names = "--update-starters",
            description = "Only write solutions/starters.txt again, from every file git tracks in exercises/ as it"
                    + " is now (uncommitted edits included; files git does not track are skipped and named; the"
                    + " KATAs given do not matter), then stop. Run it after changing, adding (git add) or removing a"
                    + " starter file, and commit the file with the starters: gokata reset restores the starters"
                    + " from it.")
    boolean updateStarters;

    @Override
    public Integer call() throws IOException, InterruptedException {
        var out = spec.commandLine().getOut();
        var ansi = spec.commandLine().getColorScheme().ansi();
        var c = course.course();
        if (updateStarters) {
            var record = StarterRecord.ofWorkingTree(c);
            record.write(c);
            out.println("Wrote " + c.show(c.startersFile()) + ": " + record.files().size() + " starter files of "
                    + c.show(c.exercises()) + "/. Commit it with the starters.");
            var untracked = StarterRecord.untracked(c);
            if (!untracked.isEmpty()) {
                out.println("Skipped " + untracked.size() + " file" + (untracked.size() == 1 ? "" : "s") + " git does"
                        + " not track, which no clone gets: " + String.join(", ", untracked) + ". A starter among"
                        + " them? git add it and run gokata verify --update-starters again.");
            }
            out.flush();
            return 0;
        }
        var catalogue = course.catalogue();
        var grader = new Grader(c.root(), GradeOptions.defaults());
        if (!Files.isDirectory(grader.hiddenTests())) {
            throw new IllegalStateException(c.show(grader.hiddenTests()) + " is missing: build the hidden tests first"
                    + " (./mvnw -q package -DskipTests, which ./gokata does for you)");
        }
        List<Kata> selected = katas.isEmpty() ? catalogue.katas() : katas.stream().map(catalogue::get).toList();
        var problems = new ArrayList<String>();
        long start = System.nanoTime();
        var ready = new ArrayList<Kata>();
        int skipped = 0;
        for (Kata k : selected) {
            if (!k.isReady()) {
                skipped++;
                out.println(ansi.string("@|faint skip |@") + k.id()
                        + ": not ready (ready: false in solutions/katas.yaml)");
            } else {
                var layout = LayoutCheck.kata(c, k);
                if (layout.isEmpty()) {
                    ready.add(k);
                } else {
                    fail(out, k.id(), layout, problems);
                }
            }
        }
        var record = starterRecord(selected);
        if (record.isEmpty()) {
            out.println(ansi.string("@|green ok   |@") + c.show(c.startersFile()));
        } else {
            fail(out, c.show(c.startersFile()), record, problems);
        }
        for (String file : untrackedStarters(selected)) {
            out.println("       note: " + file + " is no starter: git does not track it, so no clone gets it (a"
                    + " starter? git add it, then " + StarterRecord.REFRESH + ")");
        }
        out.flush();
        var found = new LinkedHashMap<Kata, List<String>>();
        ready.forEach(k -> found.put(k, new ArrayList<>()));
        verifySolutions(grader, ready, found, out);
        verifyStarters(grader, ready, found, out);
        verifyFixtures(grader, ready, found, out);
        for (var e : found.entrySet()) {
            if (e.getValue().isEmpty()) {
                out.println(ansi.string("@|green ok   |@") + e.getKey().id());
            } else {
                fail(out, e.getKey().id(), e.getValue(), problems);
            }
        }
        int checked = ready.size()
                + (int) selected.stream().filter(Kata::isReady).filter(k -> !ready.contains(k)).count();
        if (katas.isEmpty()) {
            var strays = LayoutCheck.strays(c, catalogue);
            strays.forEach(p -> out.println(ansi.string("@|red FAIL |@") + p));
            problems.addAll(strays);
        }
        out.println();
        String summary = String.format(Locale.ROOT,
                "verify: %d kata%s checked, %d skipped (not ready), %d problem%s (%.1f s)",
                checked, checked == 1 ? "" : "s", skipped, problems.size(), problems.size() == 1 ? "" : "s",
                (System.nanoTime() - start) / 1e9);
        out.println(problems.isEmpty() ? ansi.string("@|green,bold " + summary + "|@")
                : ansi.string("@|red,bold " + summary + "|@"));
        out.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    private void fail(PrintWriter out, String what, List<String> found, List<String> problems) {
        var ansi = spec.commandLine().getColorScheme().ansi();
        out.println(ansi.string("@|red FAIL |@") + what);
        found.forEach(p -> out.println("       " + p.replace("\n", "\n       ")));
        out.flush();
        problems.addAll(found);
    }

    /**
     * solutions/starters.txt records the starter files of the katas checked (of all of exercises/ when no KATA is
     * given) as they are: one git call hashes them all.
     */
    private List<String> starterRecord(List<Kata> selected) throws IOException, InterruptedException {
        var c = course.course();
        var folders = starterFolders(selected);
        try {
            var recorded = StarterRecord.read(c);
            if (recorded.isEmpty()) {
                return List.of(c.show(c.startersFile()) + " is missing: gokata reset restores the starters from it;"
                        + " " + StarterRecord.REFRESH);
            }
            return recorded.get().differences(StarterRecord.ofWorkingTree(c), folders);
        } catch (IllegalStateException e) {
            return List.of(e.getMessage() + ": " + StarterRecord.REFRESH);
        }
    }

    /** The files in the starter folders of the katas checked that git does not track. */
    private List<String> untrackedStarters(List<Kata> selected) throws IOException, InterruptedException {
        var folders = starterFolders(selected);
        try {
            return StarterRecord.untracked(course.course()).stream()
                    .filter(f -> folders.stream().anyMatch(f::startsWith)).toList();
        } catch (IllegalStateException e) {
            return List.of(); // git cannot list exercises/: the check of the record has said so already
        }
    }

    /** The starter folders of the katas checked: all of exercises/ when no KATA is given. */
    private List<String> starterFolders(List<Kata> selected) {
        return katas.isEmpty() ? List.of("exercises/")
                : selected.stream().map(k -> "exercises/" + k.id() + "/").toList();
    }

    /**
     * Every reference solution passes every hidden test, {@code repeat} times (all katas share a test JVM per round).
     */
    private void verifySolutions(Grader grader, List<Kata> ready, Map<Kata, List<String>> found, PrintWriter out) {
        var c = course.course();
        var report = new TextReport(spec.commandLine().getColorScheme().ansi());
        for (int i = 1; i <= repeat; i++) {
            var sources = new LinkedHashMap<Kata, Path>();
            for (Kata k : ready) {
                if (found.get(k).isEmpty()) {
                    sources.put(k, c.solution(k.id()));
                }
            }
            if (sources.isEmpty()) {
                return;
            }
            int round = i;
            out.println("... reference solutions, round " + round + " of " + repeat);
            out.flush();
            grader.gradeAll(sources, "solution", r -> {
                if (!r.passed()) {
                    var k = ready.stream().filter(x -> x.id().equals(r.id())).findFirst().orElseThrow();
                    found.get(k).add("the reference solution " + c.show(c.solution(k.id())) + "/ fails (round " + round
                            + " of " + repeat + "):\n" + report.kata(r));
                }
            });
        }
    }

    /** Every untouched starter compiles, has what the hidden tests use, and fails at least one test. */
    private void verifyStarters(Grader grader, List<Kata> ready, Map<Kata, List<String>> found, PrintWriter out) {
        var c = course.course();
        var sources = new LinkedHashMap<Kata, Path>();
        ready.forEach(k -> sources.put(k, c.exercise(k.id())));
        if (sources.isEmpty()) {
            return;
        }
        out.println("... untouched starters");
        out.flush();
        grader.gradeAll(sources, "starter", r -> {
            var k = ready.stream().filter(x -> x.id().equals(r.id())).findFirst().orElseThrow();
            if (r.compileError()) {
                found.get(k).add("the starter " + c.show(c.exercise(k.id())) + "/ does not compile; a student must"
                        + " start from code that compiles:\n" + r.compileOutput());
            } else if (r.passed()) {
                found.get(k).add("the untouched starter " + c.show(c.exercise(k.id())) + "/ passes every test: the"
                        + " tests must catch a starter that does nothing");
            }
            r.tests().stream().filter(t -> Explain.isLinkage(t.message())).findFirst().ifPresent(t ->
                    found.get(k).add("the untouched starter " + c.show(c.exercise(k.id())) + "/ lacks what the"
                            + " hidden tests use, so a student who keeps its signatures loses points (" + t.name()
                            + "): " + t.message().lines().findFirst().orElse("")
                            + "; give the starter the reference solution's public classes, methods and fields"));
        });
    }

    /**
     * The submission a fixture stands for: the kata's starter files with the fixture's files over them, so a fixture
     * holds only the files a student would have changed (the others come from the starter).
     */
    private static Path overStarter(Course c, Kata kata, Path fixture) {
        Path into = c.gokataDir().resolve("fixtures").resolve(kata.id()).resolve(fixture.getFileName().toString());
        KataCompiler.clean(into);
        try {
            for (Path from : List.of(c.exercise(kata.id()), fixture)) {
                try (Stream<Path> files = Files.list(from)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        Files.copy(f, into.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot assemble the wrong solution " + c.show(fixture) + ": "
                    + e.getMessage(), e);
        }
        return into;
    }

    /**
     * Every wrong-solution fixture compiles and fails, {@code --steady} times with the same verdicts; the n-th
     * fixtures of all katas share a test JVM.
     */
    private void verifyFixtures(Grader grader, List<Kata> ready, Map<Kata, List<String>> found, PrintWriter out) {
        var c = course.course();
        var fixtures = new LinkedHashMap<Kata, List<Path>>();
        ready.forEach(k -> fixtures.put(k, LayoutCheck.subfolders(c.fixtures(k.id()))));
        int perTime = fixtures.values().stream().mapToInt(List::size).max().orElse(0);
        int rounds = perTime * Math.max(steady, 1);
        var verdicts = new ConcurrentHashMap<Path, Verdicts>();
        for (int round = 0; round < rounds; round++) {
            int i = round % perTime;
            var sources = new LinkedHashMap<Kata, Path>();
            var byKata = new HashMap<String, Path>();
            for (var e : fixtures.entrySet()) {
                if (i < e.getValue().size()) {
                    Path fixture = e.getValue().get(i);
                    sources.put(e.getKey(), overStarter(c, e.getKey(), fixture));
                    byKata.put(e.getKey().id(), fixture);
                }
            }
            out.println("... wrong solutions, round " + (round + 1) + " of " + rounds);
            out.flush();
            grader.gradeAll(sources, "fixture-" + (i + 1), r -> {
                var k = ready.stream().filter(x -> x.id().equals(r.id())).findFirst().orElseThrow();
                Path fixture = byKata.get(r.id());
                if (r.compileError()) {
                    found.get(k).add("the wrong solution " + c.show(fixture) + "/ does not compile (a fixture must fail"
                            + " a test, not javac):\n" + r.compileOutput());
                } else if (r.passed()) {
                    found.get(k).add("the wrong solution " + c.show(fixture) + "/ passes every test: add a test that"
                            + " catches it");
                }
                verdicts.computeIfAbsent(fixture, f -> new Verdicts(k)).add(r);
            });
        }
        verdicts.forEach((fixture, v) -> v.unsteady().ifPresent(tests -> found.get(v.kata()).add("the wrong solution "
                + c.show(fixture) + "/ scored " + v.scores() + " in " + steady + " gradings: " + tests + " passed in"
                + " some and failed in others. A test whose verdict depends on the schedule grades the same code"
                + " differently: make it wait for the state it checks (a goroutine's wait reason, a latch)")));
    }

    /** One wrong solution's gradings: its scores, and each test's verdicts. */
    private record Verdicts(Kata kata, List<Double> scoreList, Map<String, Set<String>> byTest) {
        Verdicts(Kata kata) {
            this(kata, new ArrayList<>(), new TreeMap<>());
        }

        void add(KataResult r) {
            scoreList.add(r.score());
            r.tests().forEach(t -> byTest.computeIfAbsent(t.name(), n -> new TreeSet<>()).add(t.status()));
        }

        String scores() {
            return scoreList.stream().map(Points::format).distinct()
                    .collect(Collectors.joining(" or "));
        }

        /** The tests whose verdict changed from one grading to another, if any. */
        Optional<String> unsteady() {
            var changed = byTest.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                    .toList();
            return changed.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", changed));
        }
    }
}

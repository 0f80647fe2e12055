package dev.gokata.grader.cli;

import dev.gokata.grader.GradeOptions;
import dev.gokata.grader.Grader;
import dev.gokata.grader.catalogue.Kata;
import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.Points;
import dev.gokata.grader.report.TextReport;
import dev.gokata.grader.state.KataStatus;
import dev.gokata.grader.state.StateFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gokata watch}: the rustlings loop. Grades the current kata (the first not passed), re-grades it on every
 * save, and takes single keys: hint, list, next, reset, grade, quit.
 *
 * <p>Implementation note: one virtual thread reads keys into {@code keys}; the command's own thread does everything
 * else (waiting for a change or a key, grading, printing), so grading and printing never overlap.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Grade the current kata and re-grade it every time you save (rustlings-style).",
        footer = {"%nKeys: h hint, l list, n next kata, r reset the kata, g grade now, q quit.",
                "%nExamples:", "  gokata watch",
                "  gokata watch --poll      when saves go unnoticed (network or container folders)"})
public final class WatchCommand implements Callable<Integer> {
    private static final String KEYS = "h hint · l list · n next kata · r reset · g grade now · q quit";

    @Spec
    CommandSpec spec;
    @Mixin
    CourseOptions course;

    @Option(names = "--poll", description = "Look for changes every second instead of relying on file events.")
    boolean poll;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var ansi = spec.commandLine().getColorScheme().ansi();
        var report = new TextReport(ansi);
        var grader = new Grader(course.course().root(), GradeOptions.defaults());
        var state = course.state();
        Kata kata = course.current(state).orElse(null);
        if (kata == null) {
            out.println("Every kata has passed. Well done! (`gokata list` shows them all.)");
            out.flush();
            return 0;
        }
        BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();
        try (var terminal = Terminal.open()) {
            Thread.ofVirtual().name("gokata-keys").start(() -> {
                try {
                    for (int c; (c = terminal.readKey(System.in)) != -1; ) {
                        keys.add(c);
                    }
                } catch (IOException e) {
                    // the input closed
                }
                keys.add(-1);
            });
            String keyHelp = terminal.singleKeys() ? KEYS : KEYS + " (then Enter)";
            boolean grade = true;
            boolean clear = true;
            while (true) {
                var watcher = new SourceWatcher(course.course().exercise(kata.id()), poll);
                try (watcher) {
                    if (grade) {
                        gradeAndShow(grader, kata, report, out, keyHelp, clear);
                    }
                    grade = false;
                    clear = true;
                    Integer key = null;
                    while (key == null) {
                        if (watcher.awaitChange(300)) {
                            grade = true;
                            break;
                        }
                        key = keys.poll();
                    }
                    if (grade) {
                        continue;
                    }
                    switch ((int) key) {
                        case 'q', 'Q', -1 -> {
                            out.println("Bye. Your progress is saved; `gokata watch` picks up where you left off.");
                            out.flush();
                            return 0;
                        }
                        case 'h', 'H' -> run(out, "hint", kata.id());
                        case 'l', 'L' -> run(out, "list");
                        case 'r', 'R' -> {
                            run(out, "reset", kata.id());
                            grade = true;
                            clear = false;
                        }
                        case 'g', 'G', '\n', '\r' -> grade = true;
                        case 'n', 'N' -> {
                            kata = next(kata);
                            grade = true;
                        }
                        default -> out.println(keyHelp);
                    }
                    out.flush();
                }
            }
        }
    }

    private void gradeAndShow(Grader grader, Kata kata, TextReport report, PrintWriter out, String keyHelp,
                              boolean clear) {
        var ansi = spec.commandLine().getColorScheme().ansi();
        if (clear && ansi.enabled()) {
            out.print("\033[H\033[2J");
        }
        var c = course.course();
        out.println(ansi.string("@|bold gokata watch|@") + " — " + kata.id() + ": " + kata.title());
        out.println("Edit " + c.show(c.exercise(kata.id())) + "/ and save; grading...");
        out.flush();
        KataResult result;
        StateFile state;
        try (var _ = GradingLock.acquire(c, spec.commandLine().getErr())) {
            var sources = course.sourcesNow(kata);
            result = grader.gradeKata(kata);
            state = course.state();
            state.put(kata.id(), state.get(kata.id()).graded(result.passed(), result.score(), Instant.now(), sources));
            state.save();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.print(report.kata(result));
        var ready = course.catalogue().ready();
        int passed = (int) ready.stream().filter(k -> state.get(k.id()).status() == KataStatus.PASSED).count();
        double points = ready.stream().mapToDouble(k -> state.get(k.id()).points()).sum();
        int max = ready.stream().mapToInt(Kata::points).sum();
        out.println();
        out.println("Progress " + report.bar(passed, ready.size(), 30) + " katas, " + Points.format(points) + "/"
                + max + " points");
        if (result.passed()) {
            out.println(ansi.string("@|green,bold " + kata.id() + " passed!|@") + " Press n for the next kata.");
        } else {
            out.println("Save to re-grade. Stuck? Press h for a hint.");
        }
        out.println(ansi.string("@|faint " + keyHelp + "|@"));
        out.flush();
    }

    /** The next ready kata after {@code kata} in course order that has not passed (or simply the next one). */
    private Kata next(Kata kata) {
        var ready = course.catalogue().ready();
        var state = course.state();
        int i = ready.indexOf(kata);
        for (int j = 1; j <= ready.size(); j++) {
            Kata k = ready.get((i + j) % ready.size());
            if (state.get(k.id()).status() != KataStatus.PASSED) {
                return k;
            }
        }
        return ready.get((i + 1) % ready.size());
    }

    private void run(PrintWriter out, String command, String... args) {
        out.println();
        var sub = spec.parent().subcommands().get(command);
        var all = new java.util.ArrayList<String>(java.util.List.of(args));
        if (course.root != null) {
            all.add("--root");
            all.add(course.root.toString());
        }
        sub.execute(all.toArray(String[]::new));
        out.flush();
    }
}

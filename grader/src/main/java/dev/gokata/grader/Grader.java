package dev.gokata.grader;

import dev.gokata.grader.catalogue.Course;
import dev.gokata.grader.catalogue.Kata;
import dev.gokata.grader.catalogue.KataCatalogue;
import dev.gokata.grader.compile.CompileResult;
import dev.gokata.grader.compile.GradedSources;
import dev.gokata.grader.compile.KataCompiler;
import dev.gokata.grader.report.CourseResult;
import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.Scoring;
import dev.gokata.grader.run.WorkerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.gokata.grader.run.WorkerRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Consumer;

/**
 * Grades a submission: for each kata, compile the student's sources, run the hidden tests in a guarded JVM, score
 * the results. This is the one entry point the {@code gokata} commands and the instructor's batch share; it takes
 * the submission folder as a parameter and never assumes the current repository.
 */
public final class Grader {
    private final Course submission;
    private final GradeOptions options;

    /** A grader for the submission rooted at {@code submissionRoot} (a folder with {@code exercises/}). */
    public Grader(Path submissionRoot, GradeOptions options) {
        this.submission = new Course(submissionRoot);
        this.options = options;
    }

    /** Grades {@code katas} of the submission at {@code submissionRoot}, in order. */
    public static CourseResult grade(Path submissionRoot, KataCatalogue catalogue, List<String> katas,
            GradeOptions options) {
        var grader = new Grader(submissionRoot, options);
        var list = katas.isEmpty() ? catalogue.ready() : katas.stream().map(catalogue::get).toList();
        return grader.grade(list, r -> { });
    }

    /**
     * Grades the student's versions of {@code katas}, telling {@code each} about every kata in course order.
     * Several katas share one test JVM (each kata's classes are in its own package, so they cannot collide, and a
     * JVM start is most of a kata's grading time); the run's limit is the sum of theirs.
     */
    public CourseResult grade(List<Kata> katas, Consumer<KataResult> each) {
        var sources = new LinkedHashMap<Kata, Path>();
        katas.forEach(k -> sources.put(k, submission.exercise(k.id())));
        return gradeAll(sources, "", each);
    }

    /**
     * Grades each kata's sources in {@code sources} (any folders), sharing one test JVM; see
     * {@link #grade(List, Consumer)}.
     */
    public CourseResult gradeAll(Map<Kata, Path> sources, String variant, Consumer<KataResult> each) {
        long start = System.nanoTime();
        if (sources.size() == 1) {
            var e = sources.entrySet().iterator().next();
            var r = gradeSources(e.getKey(), e.getValue(), variant);
            each.accept(r);
            return CourseResult.of(List.of(r), (System.nanoTime() - start) / 1_000_000);
        }
        // pass 1 — compile each kata on its own: a compile error scores that kata 0 and stops no other
        var failed = new HashMap<Kata, KataResult>();
        var compiled = new LinkedHashMap<Kata, Path>();
        var notes = new HashMap<Kata, List<String>>();
        for (var e : sources.entrySet()) {
            Kata kata = e.getKey();
            long t0 = System.nanoTime();
            var graded = gradedSources(kata, e.getValue());
            notes.put(kata, graded.notes());
            var result = compiler().compile(graded, buildDir(kata, variant).resolve("classes"));
            switch (result) {
                case CompileResult.Failed f -> failed.put(kata, Scoring.compileError(kata, f.messages(),
                        nextStep(kata, graded.folder(), "grade"), (System.nanoTime() - t0) / 1_000_000));
                case CompileResult.Compiled c -> compiled.put(kata, c.classes());
            }
        }
        // pass 2 — one guarded test JVM for every kata that compiled
        WorkerRun run = compiled.isEmpty() ? null : runHiddenTests(List.copyOf(compiled.keySet()),
                List.copyOf(compiled.values()), buildRoot().resolve(variant.isEmpty() ? "all" : "all-" + variant));
        // pass 3 — score each kata from the shared run, in course order
        var results = new ArrayList<KataResult>();
        for (Kata kata : sources.keySet()) {
            KataResult r = failed.containsKey(kata) ? failed.get(kata) : Scoring.graded(kata, run, millisOf(kata, run));
            r = r.withNotes(notes.get(kata));
            each.accept(r);
            results.add(r);
        }
        return CourseResult.of(results, (System.nanoTime() - start) / 1_000_000);
    }

    private static long millisOf(Kata kata, WorkerRun run) {
        return run.finished().values().stream().filter(f -> f.id().contains("[class:" + kata.id() + "."))
                .mapToLong(dev.gokata.grader.worker.WorkerEvent.Finished::millis).sum();
    }

    /** Grades the student's version of {@code kata}: {@code exercises/<id>/}. */
    public KataResult gradeKata(Kata kata) {
        return gradeSources(kata, submission.exercise(kata.id()), "");
    }

    /**
     * The pipeline for one kata's sources in any folder (the student's, a reference solution, a wrong-solution
     * fixture): compile, run the hidden tests, score. {@code variant} keeps their build folders apart.
     */
    public KataResult gradeSources(Kata kata, Path sources, String variant) {
        long start = System.nanoTime();
        Path build = buildDir(kata, variant);
        var graded = gradedSources(kata, sources);
        var result = switch (compiler().compile(graded, build.resolve("classes"))) {
            case CompileResult.Failed f -> Scoring.compileError(kata, f.messages(),
                    nextStep(kata, graded.folder(), "grade"), (System.nanoTime() - start) / 1_000_000);
            case CompileResult.Compiled c -> {
                var run = runHiddenTests(List.of(kata), List.of(c.classes()), build);
                yield Scoring.graded(kata, run, run.millis());
            }
        };
        return result.withNotes(graded.notes());
    }

    /**
     * What to do when {@code kata} does not compile from {@code folder}: fix it and run {@code gokata <command>}
     * again, or, when the folder is gone or holds no source file any more, {@code gokata reset}.
     */
    public static String nextStep(Kata kata, Path folder, String command) {
        return hasSources(folder) ? "fix it and run `gokata " + command + " " + kata.id() + "`"
                : "`gokata reset " + kata.id() + "` puts the starter back";
    }

    /** True when {@code folder} exists and holds a {@code .java} file to fix. */
    public static boolean hasSources(Path folder) {
        return !KataCompiler.javaFiles(List.of(folder)).isEmpty();
    }

    /** The sources {@code kata} is graded from: those in {@code folder}, and what the course's kata gives. */
    private GradedSources gradedSources(Kata kata, Path folder) {
        var course = options.course().map(Course::new).orElse(submission);
        return GradedSources.of(folder, course.given(kata.id()), kata.id(), path -> shown(path, course));
    }

    /** A path as the student sees it: within the submission, else within the course (never the grader's disk). */
    private String shown(Path path, Course course) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(submission.root()) || !abs.startsWith(course.root()) ? submission.show(path)
                : course.show(path);
    }

    private Path buildDir(Kata kata, String variant) {
        return buildRoot().resolve(variant.isEmpty() ? kata.id() : kata.id() + "-" + variant);
    }

    private WorkerRun runHiddenTests(List<Kata> katas, List<Path> classes, Path build) {
        Path work = build.resolve("run");
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Duration runLimit = Duration.ZERO;
        var classLimits = new HashMap<String, Duration>();
        var testClasses = new ArrayList<String>();
        for (Kata kata : katas) {
            runLimit = runLimit.plus(kata.timeLimit());
            for (var g : kata.tests()) {
                testClasses.add(kata.qualified(g.className()));
                classLimits.put(kata.qualified(g.className()), kata.testTimeLimit());
            }
        }
        var limits = new WorkerProcess.Limits(runLimit, katas.getFirst().testTimeLimit(), classLimits,
                options.leakGrace(), options.memoryMb(), options.outputCapBytes());
        return new WorkerProcess(options.toolchain(), options.sandbox())
                .run(classes, hiddenTests(), testClasses, limits, work);
    }

    /** The compiled hidden tests this grader uses. */
    public Path hiddenTests() {
        return options.testClasses().orElse(submission.testClasses());
    }

    /** The submission's layout. */
    public Course submission() {
        return submission;
    }

    private Path buildRoot() {
        return options.buildRoot().orElse(submission.gokataDir().resolve("build"));
    }

    private KataCompiler compiler() {
        return new KataCompiler(options.toolchain().compileClasspath(), submission::show);
    }
}

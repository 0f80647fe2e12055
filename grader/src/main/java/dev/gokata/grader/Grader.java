package dev.gokata.grader;

import dev.gokata.grader.catalogue.Course;
import dev.gokata.grader.catalogue.Kata;
import dev.gokata.grader.catalogue.KataCatalogue;
import dev.gokata.grader.compile.CompileResult;
import dev.gokata.grader.compile.KataCompiler;
import dev.gokata.grader.report.CourseResult;
import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.Scoring;
import dev.gokata.grader.run.WorkerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    public static CourseResult grade(Path submissionRoot, KataCatalogue catalogue, List<String> katas, GradeOptions options) {
        var grader = new Grader(submissionRoot, options);
        var list = katas.isEmpty() ? catalogue.ready() : katas.stream().map(catalogue::get).toList();
        return grader.grade(list, r -> { });
    }

    /** Grades {@code katas} in order, telling {@code each} about every kata as soon as it is graded. */
    public CourseResult grade(List<Kata> katas, Consumer<KataResult> each) {
        long start = System.nanoTime();
        var results = new ArrayList<KataResult>();
        for (Kata kata : katas) {
            var r = gradeKata(kata);
            each.accept(r);
            results.add(r);
        }
        return CourseResult.of(results, (System.nanoTime() - start) / 1_000_000);
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
        Path build = buildRoot().resolve(variant.isEmpty() ? kata.id() : kata.id() + "-" + variant);
        var compiled = compiler().compile(sources, build.resolve("classes"));
        return switch (compiled) {
            case CompileResult.Failed f -> Scoring.compileError(kata, f.messages(),
                    "fix it and run `gokata grade " + kata.id() + "`", (System.nanoTime() - start) / 1_000_000);
            case CompileResult.Compiled c -> Scoring.graded(kata, runHiddenTests(kata, c.classes(), build));
        };
    }

    private dev.gokata.grader.run.WorkerRun runHiddenTests(Kata kata, Path classes, Path build) {
        Path work = build.resolve("run");
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var limits = new WorkerProcess.Limits(kata.timeLimit(), kata.testTimeLimit(), options.leakGrace(),
                options.memoryMb(), options.outputCapBytes());
        var testClasses = kata.tests().stream().map(g -> kata.qualified(g.className())).toList();
        return new WorkerProcess(options.toolchain(), options.sandbox()).run(classes, hiddenTests(), testClasses, limits, work);
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

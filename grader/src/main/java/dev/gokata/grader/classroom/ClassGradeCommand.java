package dev.gokata.grader.classroom;

import dev.gokata.grader.catalogue.GoDuration;
import dev.gokata.grader.sandbox.Sandbox;
import dev.gokata.grader.sandbox.SandboxPolicy;
import dev.gokata.grader.sandbox.SandboxUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gokata class grade SUBMISSIONS}: grades every student checkout (folder or zip) in SUBMISSIONS against the
 * hidden tests, in parallel, each in its own guarded process tree with its own time limit; then writes the gradebook
 * and the course report. Run it again on the same output folder to resume.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {"Grade a folder of student checkouts (one folder or zip per student) against the hidden tests.",
                "Writes OUT/results/<student>.json, OUT/gradebook.csv, OUT/report/index.html and OUT/feedback/.",
                "Running it again on the same OUT resumes: students already graded are skipped, unless their",
                "checkout changed since or they were graded for other katas (--regrade grades every one again)."},
        footer = {"%nSUBMISSIONS holds one folder (a clone) or .zip per student, each with exercises/<kata>/*.java.",
                "%nExamples:",
                "  gokata class grade submissions -o out                  grade the class, write out/",
                "  gokata class grade submissions -o out --kata counter   only one kata",
                "  gokata class grade submissions -o out --regrade        every student again",
                "  gokata class grade submissions --shard 2/4 -o out-2    one slice of four (then class merge)",
                "%nSee docs/instructors.md."})
final class ClassGradeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CourseOption courseOption;

    @Parameters(index = "0", paramLabel = "SUBMISSIONS", description = "The folder of student checkouts.")
    Path submissions;

    @Option(names = {"-o", "--out"}, defaultValue = "class-results", paramLabel = "OUT",
            description = "The output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Submissions graded at once (default: one per core, fewer if memory is short).")
    Integer jobs;

    @Option(names = "--time-limit", paramLabel = "DURATION",
            description = "Each submission's time limit, e.g. 90s or 10m"
                    + " (default: the sum of its katas' time limits, plus 30s).")
    String timeLimit;

    @Option(names = "--shard", paramLabel = "I/N", defaultValue = "1/1",
            description = "Grade only slice I of N (1-based); join the slices' OUT folders with `gokata class merge`.")
    String shard;

    @Option(names = "--extra-tests", paramLabel = "JAR|FOLDER",
            description = "A second set of private hidden tests (compiled classes) that never ships to students.")
    Path extraTests;

    @Option(names = "--kata", paramLabel = "ID",
            description = "Grade only this kata (repeatable; default: every ready kata).")
    List<String> katas = new ArrayList<>();

    @Option(names = "--memory", defaultValue = "256", paramLabel = "MiB",
            description = "Heap of each worker JVM (default: ${DEFAULT-VALUE}).")
    int memory;

    @Option(names = "--regrade", description = "Grade every student again, though OUT has their results (after a"
            + " change to the hidden tests, say).")
    boolean regrade;

    @Option(names = "--no-sandbox",
            description = "Run student code without the bubblewrap sandbox (only for submissions you trust).")
    boolean noSandbox;

    @Override
    public Integer call() throws IOException, InterruptedException {
        var err = spec.commandLine().getErr();
        var printOut = spec.commandLine().getOut();
        var slice = Shard.parse(shard);
        var root = courseOption.root();
        var catalogue = courseOption.catalogue();
        var testClasses = new dev.gokata.grader.catalogue.Course(root).testClasses();
        if (!Files.isDirectory(testClasses)) {
            err.println("gokata: no compiled hidden tests in " + testClasses
                    + ": build them first with ./mvnw -q package -DskipTests (./gokata does it on first use).");
            return 1;
        }
        if (Files.isDirectory(submissions.resolve("exercises"))) {
            throw new IllegalArgumentException(submissions + " is one student's checkout (it has exercises/), not a"
                    + " class: give the folder that holds every student's checkout, one folder or .zip each"
                    + " (its parent folder, if the others are beside it)");
        }
        var all = Submission.scan(submissions, out);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no submissions in " + submissions + ": it holds no folder and no"
                    + " .zip; give the folder that holds every student's checkout, one folder or .zip each");
        }
        Files.createDirectories(out);
        var hidden = extraTests == null ? HiddenTests.of(testClasses)
                : HiddenTests.withExtra(testClasses, extraTests.toAbsolutePath(), catalogue, out.resolve("work"));
        var course = courseOption.reportCourse(katas, hidden.extra());
        var graded = katas.isEmpty() ? catalogue.ready() : katas.stream().map(catalogue::get).toList();
        var limit = timeLimit != null ? GoDuration.parse(timeLimit)
                : graded.stream().map(dev.gokata.grader.catalogue.Kata::timeLimit)
                        .reduce(Duration.ofSeconds(30), Duration::plus);
        var options = new BatchGrader.Options(jobs != null ? jobs : BatchGrader.defaultJobs(), limit, 16 * 1024,
                regrade);
        var mine = slice.select(all);
        err.printf(Locale.ROOT,
                "gokata: grading %d of %d submissions (shard %s) in %s: %d at a time, %s each at most%n",
                mine.size(), all.size(), slice, submissions, options.jobs(), Progress.duration(limit));
        var sandbox = noSandbox ? Sandbox.Mode.OFF : Sandbox.Mode.REQUIRED;
        try {
            err.println("gokata: " + Sandbox.choose(sandbox, SandboxPolicy.defaults()).describe());
        } catch (SandboxUnavailableException e) {
            err.println("gokata: " + e.getMessage());
            return 1;
        }
        var batch = new BatchGrader(new GokataSubmissionGrader(root, hidden, katas, memory, sandbox), course,
                options, out);
        var console = System.console();
        var summary = batch.run(mine, err, console != null && console.isTerminal());
        var inFolder = all.stream().map(Submission::id).collect(Collectors.toSet());
        var published = ClassOutputs.publish(course, out, inFolder::contains);
        printOut.printf(Locale.ROOT, "graded %d submissions in %s (%.1f per minute), %d already graded%n",
                summary.graded(), Progress.duration(summary.elapsed()), summary.perMinute(), summary.skipped());
        printOut.println("results:   " + out.resolve("results"));
        printOut.println("gradebook: " + published.gradebook());
        printOut.println("report:    " + published.report());
        printOut.println("feedback:  " + out.resolve("feedback"));
        published.unreadable().forEach(f -> err.println("gokata: skipped unreadable results file " + f));
        if (!published.leftOut().isEmpty()) {
            err.println("gokata: left out of the gradebook and report: " + String.join(", ", published.leftOut())
                    + ". " + out.resolve("results") + " holds their results, but " + submissions + " has no submission"
                    + " of theirs any more; `gokata class report " + out + "` publishes every results file there.");
        }
        return 0;
    }
}

package dev.gokata.grader.classroom;

import dev.gokata.grader.report.CourseResult;
import dev.gokata.grader.report.CourseResult.Run;
import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.Points;
import dev.gokata.grader.report.ResultsJson;
import dev.gokata.grader.sandbox.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Grades a class: each submission in its own process (a {@link SubmissionGrader} command), {@code jobs} at a time,
 * each cut off at its time limit by killing its whole process tree. Nothing a submission does reaches the batch:
 * its output is drained into a bounded tail, its files land in a scratch folder deleted afterwards, its failures
 * become its verdict ({@link Run}).
 *
 * <p>Resume: a student's results file is written whole once the student is done ({@link ResultsStore}); a batch
 * started again on the same output folder skips every student whose results still stand ({@link Standing}: of the
 * same katas, newer than the submission), so a crashed or interrupted batch goes on where it stopped.
 * {@code journal.log} records each finished student for people to read.
 *
 * <p>Concurrency: a fixed pool of {@code jobs} threads, each grading one submission at a time and blocked in
 * {@link Process#waitFor}. Shared state: {@code running} (concurrent set, the live processes, killed by the
 * shutdown hook when the batch JVM is stopped), the journal (appends synchronized on {@code this}), the progress bar
 * (synchronized itself). Invariant: a results file exists only for a student whose grading run ended.
 */
public final class BatchGrader {

    /**
     * How the batch runs: parallel jobs, each submission's time limit, how much of its output is kept, and whether
     * every student is graded again ({@code --regrade}) instead of resuming.
     */
    public record Options(int jobs, Duration timeLimit, int outputTail, boolean regrade) {
        public Options {
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be at least 1, was " + jobs);
            }
            if (timeLimit.isNegative() || timeLimit.isZero()) {
                throw new IllegalArgumentException("the time limit must be positive, was " + timeLimit);
            }
        }

        /** A batch that resumes. */
        public Options(int jobs, Duration timeLimit, int outputTail) {
            this(jobs, timeLimit, outputTail, false);
        }
    }

    /** What one batch run did. */
    public record Summary(int graded, int skipped, List<CourseResult> results, Duration elapsed) {
        /** Submissions graded per minute in this run. */
        public double perMinute() {
            return elapsed.toMillis() == 0 ? 0 : graded * 60_000.0 / elapsed.toMillis();
        }
    }

    private final SubmissionGrader grader;
    private final Course course;
    private final Options options;
    private final Path out;
    private final ResultsStore store;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    public BatchGrader(SubmissionGrader grader, Course course, Options options, Path out) {
        this.grader = grader;
        this.course = course;
        this.options = options;
        this.out = out;
        this.store = new ResultsStore(out.resolve("results"));
    }

    public ResultsStore store() {
        return store;
    }

    /** A sensible number of parallel jobs here: one per core, fewer when memory (about 1.5 GiB a job) is short. */
    public static int defaultJobs() {
        int cores = Runtime.getRuntime().availableProcessors();
        long memory = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : Long.MAX_VALUE;
        return (int) Math.max(1, Math.min(cores, memory / (1536L << 20)));
    }

    /** Grades every submission of {@code submissions} not graded yet; {@code log} gets the progress bar. */
    public Summary run(List<Submission> submissions, PrintWriter log, boolean terminal)
            throws IOException, InterruptedException {
        Files.createDirectories(store.dir());
        var todo = toGrade(submissions, log);
        int skipped = submissions.size() - todo.size();
        var progress = new Progress(log, terminal, todo.size());
        var start = System.nanoTime();
        var hook = new Thread(this::killAll, "gokata-class-kill");
        Runtime.getRuntime().addShutdownHook(hook);
        var pool = Executors.newFixedThreadPool(options.jobs(), Thread.ofPlatform().name("gokata-class-", 1).factory());
        var results = new ArrayList<CourseResult>();
        try {
            var futures = new ArrayList<Future<CourseResult>>();
            for (var submission : todo) {
                futures.add(pool.submit(() -> {
                    var result = gradeOne(submission);
                    store.write(result);
                    journal(result);
                    progress.finished(result);
                    return result;
                }));
            }
            for (var future : futures) {
                results.add(future.get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io
                    : new IOException("the batch failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            killAll();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs anyway
            }
        }
        return new Summary(results.size(), skipped, results, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The submissions this run grades: every one with {@code --regrade}; else those whose results in OUT do not
     * stand ({@link Standing}). Says how many are skipped, and why each one graded before is graded again.
     */
    private List<Submission> toGrade(List<Submission> submissions, PrintWriter log) throws IOException {
        if (options.regrade()) {
            return submissions;
        }
        var katas = course.katas().stream().map(Course.Kata::id).collect(Collectors.toSet());
        var contested = Submission.contested(submissions);
        var todo = new ArrayList<Submission>();
        var again = new ArrayList<String>();
        for (var submission : submissions) {
            var standing = Standing.of(submission, store, katas, contested.contains(submission.id()));
            if (standing != Standing.CURRENT) {
                todo.add(submission);
            }
            if (standing != Standing.CURRENT && standing != Standing.NEW) {
                again.add(submission.id() + " (" + standing.why() + ")");
            }
        }
        int skipped = submissions.size() - todo.size();
        if (skipped > 0) {
            log.println("gokata: " + skipped + " of " + submissions.size() + " submissions already graded in "
                    + store.dir() + "; grading the other " + todo.size() + " (--regrade grades every one)");
        }
        if (!again.isEmpty()) {
            log.println("gokata: grading again: " + String.join(", ", again));
        }
        log.flush();
        return todo;
    }

    /** Grades one submission in its own process tree; never throws for anything the submission does. */
    CourseResult gradeOne(Submission submission) throws IOException, InterruptedException {
        var work = out.resolve("work").resolve(submission.id());
        FileTrees.delete(work);
        Files.createDirectories(work);
        var started = System.nanoTime();
        try {
            Path checkout;
            if (submission.zipped()) {
                try {
                    SafeUnzip.extract(submission.path(), work.resolve("checkout"), SafeUnzip.Limits.DEFAULT);
                } catch (SafeUnzip.UnsafeZipException e) {
                    return unreadable(submission, e.getMessage(), started);
                }
                checkout = checkoutRoot(work.resolve("checkout"));
            } else {
                checkout = checkoutRoot(submission.path());
            }
            if (!Files.isDirectory(checkout.resolve("exercises"))) {
                return unreadable(submission, "no exercises/ folder in the submission", started);
            }
            var partial = work.resolve("results.json");
            var scratch = Files.createDirectories(work.resolve("scratch"));
            var command = grader.command(checkout.toAbsolutePath(), partial.toAbsolutePath())
                    .directory(scratch.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
            return runGrading(submission, command, partial, started);
        } finally {
            try {
                FileTrees.delete(work);
            } catch (IOException | java.io.UncheckedIOException e) {
                // files the submission made undeletable stay in work/; the next run of this student tries again
            }
        }
    }

    private CourseResult runGrading(Submission submission, ProcessBuilder command, Path partial, long started)
            throws InterruptedException {
        var tail = new OutputTail(options.outputTail());
        Process process;
        try {
            process = command.start();
        } catch (IOException e) {
            return finish(submission, Run.CRASHED, "the grading run could not start: " + e.getMessage(),
                    Optional.empty(), started);
        }
        running.add(process);
        var drain = Thread.ofVirtual().start(() -> tail.drain(process.getInputStream()));
        try {
            boolean ended = process.waitFor(options.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                kill(process);
            }
            drain.join(Duration.ofSeconds(10));
            var written = ResultsJson.readIfPresent(partial);
            if (!ended) {
                return finish(submission, Run.TIMED_OUT, "killed after the time limit of "
                        + Progress.duration(options.timeLimit()) + last(tail), written, started);
            }
            if (process.exitValue() != 0 || !Files.exists(partial)) {
                return finish(submission, Run.CRASHED, "the grading run exited with status "
                        + process.exitValue() + last(tail), written, started);
            }
            return finish(submission, Run.GRADED, "", written, started);
        } finally {
            if (process.isAlive()) {
                kill(process);
            }
            running.remove(process);
        }
    }

    private static String last(OutputTail tail) {
        var text = tail.text().strip();
        return text.isEmpty() ? "" : "; its last output:\n" + text;
    }

    private CourseResult unreadable(Submission submission, String why, long started) {
        return finish(submission, Run.UNREADABLE, why, Optional.empty(), started);
    }

    /**
     * The student's results: what the grading run wrote (the grade command's results), every kata of the course it
     * has no result for added as not graded, the totals summed again, and the batch's fields ({@code student},
     * {@code run}, {@code note}, {@code seconds}).
     */
    private CourseResult finish(Submission submission, Run run, String note, Optional<CourseResult> written,
            long started) {
        var graded = new ArrayList<KataResult>(written.map(CourseResult::katas).orElse(List.of()));
        var why = switch (run) {
            case GRADED -> "not graded: the grader wrote no result for this kata";
            case TIMED_OUT -> "not graded: the submission's time limit of " + Progress.duration(options.timeLimit())
                    + " ran out";
            case CRASHED -> "not graded: the grading run crashed before this kata";
            case UNREADABLE -> "not graded: " + note;
        };
        for (var kata : course.katas()) {
            if (graded.stream().noneMatch(k -> k.id().equals(kata.id()))) {
                graded.add(KataResult.error(kata.id(), kata.title(), kata.points(), why));
            }
        }
        var order = course.katas().stream().map(Course.Kata::id).toList();
        graded.sort(Comparator.comparingInt(k -> {
            int i = order.indexOf(k.id());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        long millis = written.map(w -> Math.round(w.executionTime() * 1000)).orElse(elapsed);
        return CourseResult.of(graded, millis)
                .ofStudent(submission.id(), submission.name(), run, note, Math.round(elapsed / 10.0) / 100.0);
    }

    /** The folder of a checkout: the folder itself, or its only sub-folder holding exercises/ (a zip's top folder). */
    static Path checkoutRoot(Path dir) throws IOException {
        if (Files.isDirectory(dir.resolve("exercises"))) {
            return dir;
        }
        try (var children = Files.list(dir)) {
            var inner = children.filter(Files::isDirectory)
                    .filter(d -> !d.getFileName().toString().startsWith(".")
                            && !d.getFileName().toString().equals("__MACOSX"))
                    .filter(d -> Files.isDirectory(d.resolve("exercises")))
                    .toList();
            return inner.size() == 1 ? inner.getFirst() : dir;
        }
    }

    private synchronized void journal(CourseResult result) {
        var line = Instant.now() + " " + result.run().name().toLowerCase(java.util.Locale.ROOT) + " " + result.student()
                + " " + Points.format(result.score()) + "/" + Points.format(result.maxScore())
                + " " + result.seconds() + "s\n";
        try {
            Files.writeString(out.resolve("journal.log"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills a grading run and everything it started: its worker JVMs first, then itself. */
    static void kill(Process process) {
        for (int round = 0; round < 3; round++) {
            var tree = process.descendants().toList();
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            if (tree.stream().noneMatch(ProcessHandle::isAlive) && process.descendants().findAny().isEmpty()) {
                break;
            }
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void killAll() {
        running.forEach(BatchGrader::kill);
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

}

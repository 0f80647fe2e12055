package dev.gokata.grader.classroom;

import dev.gokata.grader.report.CourseResult;
import dev.gokata.grader.report.KataResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whether a student's results in the output folder still stand for a batch, the resume rule of {@code gokata class
 * grade}: they do while they are of the katas this batch grades and no file of the student's {@code exercises/} (or
 * the zip) changed after they were written, as nbgrader regrades a notebook submitted again. Otherwise the student
 * is graded again, and the batch says why.
 */
enum Standing {
    /** No results yet: graded for the first time. */
    NEW("not graded yet"),
    /** Results of this batch's katas, newer than the submission: skipped. */
    CURRENT("graded"),
    /** The submission changed after its results were written. */
    CHANGED("changed since it was graded"),
    /** The results are of other katas than this batch grades ({@code --kata}). */
    OTHER_KATAS("graded before for other katas"),
    /**
     * The results may be of another submission that had this student's id: they name another folder or zip, or name
     * none (an older batch's) while the id is {@link Submission#contested contested}.
     */
    OTHER_SUBMISSION("its results may be of another folder or zip of the same name"),
    /** The results file cannot be read as results. */
    UNREADABLE("its results file cannot be read");

    private final String why;

    Standing(String why) {
        this.why = why;
    }

    /** Why the student is graded (again), in a log line's words. */
    String why() {
        return why;
    }

    /**
     * Where {@code submission} stands against its results in {@code store}, for a batch grading {@code katas};
     * {@code contested}: whether another submission of the class may have had its id in an older batch.
     */
    static Standing of(Submission submission, ResultsStore store, Set<String> katas, boolean contested)
            throws IOException {
        var file = store.file(submission.id());
        if (!Files.isRegularFile(file)) {
            return NEW;
        }
        var stored = ResultsStore.read(file);
        if (stored.isEmpty()) {
            return UNREADABLE;
        }
        var from = stored.get().submission();
        if (from == null ? contested : !from.equals(submission.name())) {
            return OTHER_SUBMISSION;
        }
        if (!katasOf(stored.get()).equals(katas)) {
            return OTHER_KATAS;
        }
        try {
            return lastChanged(submission).compareTo(Files.getLastModifiedTime(file)) > 0 ? CHANGED : CURRENT;
        } catch (IOException unreadable) { // a folder of the submission it cannot list: grading says what is wrong
            return CHANGED;
        }
    }

    private static Set<String> katasOf(CourseResult result) {
        return result.katas().stream().map(KataResult::id).collect(Collectors.toSet());
    }

    /**
     * When the part of {@code submission} that grading reads last changed: a zip's own time; for a folder, the
     * newest of the folder and of everything under its {@code exercises/} (a deleted file changes its folder's
     * time). Links are not followed, and the rest of a checkout ({@code .git}) does not count.
     */
    static FileTime lastChanged(Submission submission) throws IOException {
        var path = submission.path();
        var newest = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
        if (submission.zipped()) {
            return newest;
        }
        var exercises = BatchGrader.checkoutRoot(path).resolve("exercises");
        if (!Files.isDirectory(exercises, LinkOption.NOFOLLOW_LINKS)) {
            return newest;
        }
        try (Stream<Path> walk = Files.walk(exercises)) {
            var inside = walk.map(Standing::modified).max(FileTime::compareTo).orElse(newest);
            return inside.compareTo(newest) > 0 ? inside : newest;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

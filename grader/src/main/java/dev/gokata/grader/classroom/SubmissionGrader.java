package dev.gokata.grader.classroom;

import java.nio.file.Path;

/**
 * How the batch grades one submission: the command of a process that grades the checkout in {@code submission}
 * and writes its results JSON ({@link dev.gokata.grader.report.CourseResult}) to {@code results} (rewritten whole
 * after each kata, so a run cut short still leaves the katas graded so far). The batch runs it in a scratch folder,
 * caps its time and output, and kills its whole process tree when the time limit passes.
 */
@FunctionalInterface
public interface SubmissionGrader {

    /** The command grading {@code submission} into {@code results}. */
    ProcessBuilder command(Path submission, Path results);
}

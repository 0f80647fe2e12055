package dev.gokata.grader;

import dev.gokata.grader.run.Toolchain;
import dev.gokata.grader.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to grade: where the compiled hidden tests are (by default those of the submission's own repository), where
 * to build, and the guards that are not per kata (memory, output, leak grace).
 *
 * @param testClasses the hidden tests compiled by Maven ({@code solutions/target/test-classes}); empty: the
 *                    submission root's own
 * @param course      the course whose katas' given files are compiled with the student's; empty: the submission root
 * @param buildRoot   where compiled classes and the worker's files go; empty: {@code <submission>/.gokata/build}
 * @param sandbox     where the worker JVMs run student code (bubblewrap, or none)
 */
public record GradeOptions(Optional<Path> testClasses, Optional<Path> course, Optional<Path> buildRoot,
                           Toolchain toolchain, int memoryMb, int outputCapBytes, Duration leakGrace, Sandbox sandbox) {

    /**
     * The defaults: the submission's own hidden tests and build folder, this JVM's toolchain, a 512 MiB heap (the
     * race detector's shadow memory comes on top of the student's), 64 KiB of output per test, 500 ms leak grace.
     */
    public static GradeOptions defaults() {
        return new GradeOptions(Optional.empty(), Optional.empty(), Optional.empty(), Toolchain.current(), 512,
                64 * 1024, Duration.ofMillis(500), Sandbox.fromProperty());
    }

    /** The same options with the hidden tests taken from {@code dir} (an instructor grading submission folders). */
    public GradeOptions withTestClasses(Path dir) {
        return new GradeOptions(Optional.of(dir), course, buildRoot, toolchain, memoryMb, outputCapBytes, leakGrace,
                sandbox);
    }

    /** The same options with the katas' given files from the course at {@code root} (an instructor's batch). */
    public GradeOptions withCourse(Path root) {
        return new GradeOptions(testClasses, Optional.of(root), buildRoot, toolchain, memoryMb, outputCapBytes,
                leakGrace, sandbox);
    }

    /** The same options with a worker heap of {@code mb} MiB. */
    public GradeOptions withMemory(int mb) {
        return new GradeOptions(testClasses, course, buildRoot, toolchain, mb, outputCapBytes, leakGrace, sandbox);
    }

    /** The same options building under {@code dir}. */
    public GradeOptions withBuildRoot(Path dir) {
        return new GradeOptions(testClasses, course, Optional.of(dir), toolchain, memoryMb, outputCapBytes, leakGrace,
                sandbox);
    }

    /** The same options running student code in {@code box}. */
    public GradeOptions withSandbox(Sandbox box) {
        return new GradeOptions(testClasses, course, buildRoot, toolchain, memoryMb, outputCapBytes, leakGrace, box);
    }
}

package dev.gokata.grader.classroom;

import dev.gokata.grader.run.Toolchain;
import dev.gokata.grader.sandbox.Sandbox;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The real {@link SubmissionGrader}: a JVM running {@link GradeSubmission} on the grader's own class path, which in
 * turn starts a guarded worker JVM per kata, as {@code gokata grade} does. Where {@code bash} exists, the process tree
 * may write no file over {@value #MAX_FILE_MIB} MiB ({@code ulimit -f}), so a submission cannot fill the disk.
 *
 * @param course the instructor's course folder
 * @param hidden the hidden tests (with the private set, if any)
 * @param katas  the katas to grade; empty: every ready kata
 * @param memory  heap of each worker JVM, MiB
 * @param sandbox where the worker JVMs run student code ({@code required} unless the instructor turned it off)
 */
record GokataSubmissionGrader(Path course, HiddenTests hidden, List<String> katas, int memory, Sandbox.Mode sandbox)
        implements SubmissionGrader {

    static final int MAX_FILE_MIB = 256;

    @Override
    public ProcessBuilder command(Path submission, Path results) {
        var toolchain = Toolchain.current();
        var command = new ArrayList<String>();
        if (Files.isExecutable(Path.of("/bin/bash"))) {
            command.addAll(List.of("/bin/bash", "-c", "ulimit -f " + MAX_FILE_MIB * 1024 + " && exec \"$@\"",
                    "gokata-submission"));
        }
        command.addAll(List.of(toolchain.java().toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-Xmx256m", "-D" + Sandbox.PROPERTY + "=" + sandbox.name().toLowerCase(java.util.Locale.ROOT),
                "-Dgokata.java.home=" + System.getProperty("gokata.java.home", System.getProperty("java.home")),
                "-cp",
                toolchain.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                GradeSubmission.class.getName(),
                "--course", course.toAbsolutePath().toString(),
                "--tests", hidden.classes().toAbsolutePath().toString(),
                "--extra-groups", hidden.encode(),
                "--memory", Integer.toString(memory),
                "--submission", submission.toString(),
                "--build", "build",
                "--out", results.toString()));
        katas.forEach(k -> command.addAll(List.of("--kata", k)));
        return new ProcessBuilder(command);
    }
}

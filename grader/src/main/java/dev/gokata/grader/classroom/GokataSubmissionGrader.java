package dev.gokata.grader.classroom;

import dev.gokata.grader.run.Toolchain;
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
 * @param memory heap of each worker JVM, MiB
 */
record GokataSubmissionGrader(Path course, HiddenTests hidden, List<String> katas, int memory) implements SubmissionGrader {

    static final int MAX_FILE_MIB = 256;

    @Override
    public ProcessBuilder command(Path submission, Path results) {
        var toolchain = Toolchain.current();
        var command = new ArrayList<String>();
        if (Files.isExecutable(Path.of("/bin/bash"))) {
            command.addAll(List.of("/bin/bash", "-c", "ulimit -f " + MAX_FILE_MIB * 1024 + " && exec \"$@\"", "gokata-submission"));
        }
        command.addAll(List.of(toolchain.java().toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Xmx256m", "-Dgokata.java.home=" + System.getProperty("gokata.java.home", System.getProperty("java.home")),
                "-cp", toolchain.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
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

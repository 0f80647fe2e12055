package dev.gokata.grader.cli;

import dev.gokata.grader.FileErrors;
import dev.gokata.grader.catalogue.Course;
import dev.gokata.grader.catalogue.Kata;
import dev.gokata.grader.sandbox.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The build folders of {@code gokata run}, one a run under {@code .gokata/build/}, and the removal of those a run
 * left behind: a run removes its own when its program ends, but not when it is stopped during the compilation
 * (Ctrl-C) or killed (SIGKILL), so each {@code run} and {@code grade} removes the leftovers of runs no longer alive.
 *
 * <p>Invariants, which make the removal safe for a run that is still going:
 * <ul>
 * <li>a run's folder is named {@code <kata>-run-<pid>-<random>}, for the pid of the gokata that made it: the name
 *     comes with the folder, so there is no moment when a folder exists and its owner is unknown;</li>
 * <li>before its program starts, the run writes an empty {@code program.pid} into the folder, and once it has
 *     started, the program's pid (written whole: a temporary file, then a rename); the program loads its classes
 *     from the folder and may outlive a gokata that was killed;</li>
 * <li>a folder is a leftover only when its gokata is not alive, and its program either never started (no
 *     {@code program.pid}) or has a recorded pid that is not alive. An empty or unreadable {@code program.pid} keeps
 *     the folder: the program may run unrecorded. A pid reused by another process only keeps a leftover longer.</li>
 * </ul>
 * Folders of other names (the gradings' {@code <kata>/}, {@code all/}) are never touched.
 */
final class RunBuilds {
    private static final Pattern RUN = Pattern.compile(".+-run-(\\d+)-\\d+");
    private static final String PROGRAM_PID = "program.pid";

    private RunBuilds() {
    }

    /** A new build folder for a run of {@code kata} by this gokata. */
    static Path create(Course course, Kata kata) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(root(course)),
                kata.id() + "-run-" + ProcessHandle.current().pid() + "-");
    }

    /** Records, before the program of the run in {@code build} starts, that it may be running from now on. */
    static void programStarting(Path build) throws IOException {
        Files.writeString(build.resolve(PROGRAM_PID), "");
    }

    /** Records the pid of the program the run in {@code build} started. */
    static void programStarted(Path build, Process program) throws IOException {
        Path tmp = Files.writeString(build.resolve(PROGRAM_PID + ".tmp"), Long.toString(program.pid()));
        Files.move(tmp, build.resolve(PROGRAM_PID), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the build folders of runs that are no longer alive, telling {@code err} of any that cannot go. */
    static void removeLeftovers(Course course, PrintWriter err) throws IOException {
        List<Path> folders;
        try (var list = Files.list(root(course))) {
            folders = list.filter(RunBuilds::isLeftover).toList();
        } catch (NoSuchFileException e) {
            return;
        }
        for (Path folder : folders) {
            try {
                FileTrees.delete(folder);
            } catch (NoSuchFileException e) {
                // another gokata, starting at the same time, removed it first
            } catch (IOException e) {
                err.println("gokata: could not remove " + course.show(folder) + ", the build of a run that has ended ("
                        + FileErrors.why(e) + "); delete it when you like, nothing reads it again");
                err.flush();
            }
        }
    }

    private static Path root(Course course) {
        return course.gokataDir().resolve("build");
    }

    private static boolean isLeftover(Path folder) {
        var name = RUN.matcher(folder.getFileName().toString());
        if (!name.matches() || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || alive(name.group(1))) {
            return false;
        }
        Path pidFile = folder.resolve(PROGRAM_PID);
        if (!Files.exists(pidFile)) {
            return true;
        }
        try {
            String pid = Files.readString(pidFile).strip();
            return pid.matches("\\d+") && !alive(pid);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // a pid too long for a long is none of ours: keep the folder
        }
    }
}

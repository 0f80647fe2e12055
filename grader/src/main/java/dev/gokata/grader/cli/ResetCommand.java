package dev.gokata.grader.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gokata reset KATA}: puts the kata's starter back, as committed in git, after moving the student's files to
 * a backup folder it names. This is the only command that writes to a student's files.
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Restore a kata's starter files from git (HEAD).",
        "Your current files are moved to a backup folder first; its path is printed."},
        footer = {"%nExample:%n  gokata reset waitgroup"})
public final class ResetCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Spec
    CommandSpec spec;
    @Mixin
    CourseOptions course;

    @Parameters(paramLabel = "KATA", description = "The kata to reset.")
    String kata;

    @Override
    public Integer call() throws IOException, InterruptedException {
        var out = spec.commandLine().getOut();
        var k = course.catalogue().get(kata);
        Path root = course.course().root();
        String folder = "exercises/" + k.id() + "/";
        var listing = git(root, "ls-tree", "-r", "--name-only", "HEAD", folder);
        if (listing.status != 0 || listing.text.isBlank()) {
            throw new IllegalStateException("cannot find " + folder + " in git (HEAD):"
                    + " reset needs the course's git history."
                    + (listing.status != 0 ? " git said: " + listing.err.strip() : ""));
        }
        List<String> files = listing.text.lines().filter(l -> !l.isBlank()).toList();
        Path dir = course.course().exercise(k.id());
        Path backup = null;
        if (Files.isDirectory(dir)) {
            backup = newBackup(k.id());
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    Path target = backup.resolve(dir.relativize(p).toString());
                    try {
                        Files.createDirectories(target.getParent());
                        Files.move(p, target);
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot move " + course.course().show(p) + " to the backup ("
                                + why(e) + "); nothing was deleted: the files moved so far are in "
                                + course.course().show(backup) + ", the others still in " + course.course().show(dir)
                                + "/. Make " + course.course().show(dir) + "/ writable and run gokata reset again", e);
                    }
                }
            }
        }
        for (String f : files) {
            String safe = backup == null ? "" : "; your files are safe in " + course.course().show(backup);
            var show = git(root, "show", "HEAD:" + f);
            if (show.status != 0) {
                throw new IllegalStateException("git show HEAD:" + f + " failed: " + show.err.strip() + safe);
            }
            Path target = root.resolve(f);
            try {
                Files.createDirectories(target.getParent());
                Files.write(target, show.bytes);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the starter " + f + " (" + why(e) + ")" + safe, e);
            }
        }
        var state = course.state();
        state.put(k.id(), state.get(k.id()).reset());
        state.save();
        out.println("Restored the starter of " + k.id() + " (" + files.size() + " files from git HEAD).");
        if (backup != null) {
            out.println("Your previous files are in " + course.course().show(backup));
        }
        out.println("Next: gokata grade " + k.id());
        out.flush();
        return 0;
    }

    /**
     * A new, empty backup folder {@code .gokata/backup/<kata>-<time>}, never one that holds an earlier backup: two
     * resets within a second get {@code -2}, {@code -3}...
     */
    private Path newBackup(String kata) throws IOException {
        Path parent = Files.createDirectories(course.course().gokataDir().resolve("backup"));
        String name = kata + "-" + LocalDateTime.now().format(STAMP);
        for (int n = 2; ; n++) {
            try {
                return Files.createDirectory(parent.resolve(name));
            } catch (FileAlreadyExistsException e) {
                name = kata + "-" + LocalDateTime.now().format(STAMP) + "-" + n;
            }
        }
    }

    /** What went wrong with a file, in words: "permission denied", not the bare path of the exception. */
    private static String why(IOException e) {
        return switch (e) {
            case AccessDeniedException a -> "permission denied";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.toString();
        };
    }

    private record Git(int status, byte[] bytes, String text, String err) {
    }

    private static Git git(Path root, String... args) throws IOException, InterruptedException {
        var cmd = new java.util.ArrayList<String>(List.of("git", "-C", root.toString()));
        cmd.addAll(List.of(args));
        var p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        var err = new ByteArrayOutputStream();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException e) {
                // git ended
            }
        });
        byte[] bytes = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        t.join();
        return new Git(p.exitValue(), bytes, new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
                err.toString());
    }
}

package dev.gokata.grader.cli;

import dev.gokata.grader.FileErrors;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gokata reset KATA}: puts the kata's starter back, as the course gives it (solutions/starters.txt, whatever
 * the student committed since), after moving the student's files to a backup folder it names; a kata whose files are
 * the starter's already is left as it is. This is the only command that writes to a student's files.
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Restore a kata's starter files as the course gives them, even if you committed your own.",
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
        Starter starter = starter(root, folder);
        Path dir = course.course().exercise(k.id());
        if (untouched(dir, starter.files())) {
            out.println(k.id() + " is already at its starter: " + folder + " holds just the files reset would restore"
                    + (starter.fromHeadBecause().isPresent() ? " (git HEAD's)" : "") + ", so nothing was changed.");
            out.println("Next: gokata grade " + k.id());
            out.flush();
            return 0;
        }
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
                                + FileErrors.why(e) + "); nothing was deleted: the files moved so far are in "
                                + course.course().show(backup) + ", the others still in " + course.course().show(dir)
                                + "/. Make " + course.course().show(dir) + "/ writable and run gokata reset again", e);
                    }
                }
            }
        }
        for (var f : starter.files().entrySet()) {
            String safe = backup == null ? "" : "; your files are safe in " + course.course().show(backup);
            Path target = root.resolve(f.getKey());
            try {
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the starter " + f.getKey() + " (" + FileErrors.why(e)
                        + ")" + safe, e);
            }
        }
        var state = course.state();
        state.put(k.id(), state.get(k.id()).reset());
        state.save();
        int files = starter.files().size();
        if (starter.fromHeadBecause().isEmpty()) {
            out.println("Restored the starter of " + k.id() + " (" + files + " files, as the course gives them).");
        } else {
            out.println("Restored the starter of " + k.id() + " (" + files + " files from git HEAD).");
            out.println("Note: from git HEAD, not from the course's record of starters, because "
                    + starter.fromHeadBecause().get() + ": if you committed changes to " + folder
                    + ", these are your last committed files.");
        }
        if (backup != null) {
            out.println("Your previous files are in " + course.course().show(backup));
        }
        out.println("Next: gokata grade " + k.id());
        out.flush();
        return 0;
    }

    /**
     * Whether {@code dir} holds exactly the {@code starter}'s files (paths from the course's root), each byte for byte:
     * no file changed, missing or added.
     */
    private boolean untouched(Path dir, Map<String, byte[]> starter) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        Path root = course.course().root();
        List<Path> present;
        try (Stream<Path> s = Files.walk(dir)) {
            present = s.filter(Files::isRegularFile).toList();
        }
        if (present.size() != starter.size()) {
            return false;
        }
        for (Path p : present) {
            byte[] bytes = starter.get(root.relativize(p).toString().replace('\\', '/'));
            if (bytes == null || !Arrays.equals(bytes, Files.readAllBytes(p))) {
                return false;
            }
        }
        return true;
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

    /**
     * A kata's starter: each file's content by path from the course's root, and, when it came from git HEAD instead of
     * the course's record of starters, why.
     */
    private record Starter(Map<String, byte[]> files, Optional<String> fromHeadBecause) {
    }

    /**
     * The record's files of {@code folder}, read from this clone, when it lists them and the clone holds them all;
     * otherwise HEAD's, with why (no record, no entry for the kata, or a blob a shallow or partial clone lacks). Reads
     * every file before reset moves anything, so that a git failure changes nothing.
     */
    private Starter starter(Path root, String folder) throws IOException, InterruptedException {
        String why;
        try {
            var record = StarterRecord.read(course.course());
            var starters = record.map(r -> r.under(folder)).orElse(List.of());
            var files = new LinkedHashMap<String, byte[]>();
            var lacking = new ArrayList<String>();
            for (var s : starters) {
                var blob = Git.run(root, "cat-file", "blob", s.id());
                if (blob.ok()) {
                    files.put(s.path(), blob.bytes());
                } else {
                    lacking.add(s.path());
                }
            }
            if (record.isEmpty()) {
                why = "solutions/starters.txt is missing";
            } else if (starters.isEmpty()) {
                why = "solutions/starters.txt lists no file of " + folder;
            } else if (!lacking.isEmpty()) {
                why = "this clone lacks the recorded starter of " + String.join(", ", lacking)
                        + " (a shallow or partial clone)";
            } else {
                return new Starter(files, Optional.empty());
            }
        } catch (IllegalStateException e) {
            why = e.getMessage();
        }
        var listing = Git.run(root, "ls-tree", "-r", "--name-only", "HEAD", folder);
        if (!listing.ok() || listing.text().isBlank()) {
            throw new IllegalStateException("cannot find " + folder + " in git (HEAD):"
                    + " reset needs the course's git history."
                    + (!listing.ok() ? " git said: " + listing.err().strip() : ""));
        }
        var files = new LinkedHashMap<String, byte[]>();
        for (String f : listing.text().lines().filter(l -> !l.isBlank()).toList()) {
            var show = Git.run(root, "show", "HEAD:" + f);
            if (!show.ok()) {
                throw new IllegalStateException("git show HEAD:" + f + " failed: " + show.err().strip()
                        + "; nothing was changed");
            }
            files.put(f, show.bytes());
        }
        return new Starter(files, Optional.of(why));
    }
}

package dev.gokata.grader.cli;

import dev.gokata.grader.catalogue.Course;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code solutions/starters.txt}: every starter file under {@code exercises/} with git's id of its content, in the
 * format of {@code git ls-tree -r}. The course committed those contents, so every clone holds them whatever the
 * student commits over them since: {@code gokata reset} restores them from there, and {@code gokata verify} checks
 * that the record matches the starters.
 *
 * <p>A starter is a file git tracks: an author's untracked files in {@code exercises/} (an editor's swap file, a
 * {@code .DS_Store}) never reach a clone, so a record of them would send reset looking for blobs no clone holds.
 * They are skipped and named ({@link #untracked}); the files git ignores are skipped silently.
 */
record StarterRecord(SortedMap<String, Starter> files) {
    /** How an author writes the record again, in every message that finds it out of date. */
    static final String REFRESH = "record the starters again with gokata verify --update-starters, and commit"
            + " solutions/starters.txt";
    private static final String HEADER = """
            # The starter files of exercises/ as the course gives them, with git's ids (git ls-tree -r format).
            # gokata reset restores them from here. After changing a starter: ./gokata verify --update-starters
            """;
    private static final Pattern LINE = Pattern.compile("(\\d{6}) blob (\\p{XDigit}{40}|\\p{XDigit}{64})\t(.+)");

    /** One starter file: its mode (which reset ignores: these are sources), its blob id, its path from the root. */
    record Starter(String mode, String id, String path) {
        String line() {
            return mode + " blob " + id + "\t" + path;
        }
    }

    /** The committed record, or empty when the course has none. */
    static Optional<StarterRecord> read(Course c) throws IOException {
        Path file = c.startersFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        var files = new TreeMap<String, Starter>();
        var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            var m = LINE.matcher(l);
            if (!m.matches()) {
                throw new IllegalStateException(c.show(file) + ":" + (i + 1) + " is not `<mode> blob <id><TAB><path>`");
            }
            files.put(m.group(3), new Starter(m.group(1), m.group(2), m.group(3)));
        }
        return Optional.of(new StarterRecord(files));
    }

    /**
     * The record of {@code exercises/} as it is in the working tree, uncommitted edits included: the files git tracks
     * there (all of them when the course is not a git repository), with {@code git hash-object}'s ids (one git call
     * for all of them).
     */
    static StarterRecord ofWorkingTree(Course c) throws IOException, InterruptedException {
        List<String> paths = workingTreeFiles(c);
        var files = new TreeMap<String, Starter>();
        if (paths.isEmpty()) {
            return new StarterRecord(files);
        }
        var args = new ArrayList<>(List.of("hash-object", "--"));
        args.addAll(paths);
        var hashes = Git.run(c.root(), args.toArray(String[]::new));
        List<String> ids = hashes.text().lines().toList();
        if (!hashes.ok() || ids.size() != paths.size()) {
            throw new IllegalStateException("git hash-object could not read the starters: " + hashes.err().strip());
        }
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            files.put(path, new Starter(mode(c.root().resolve(path)), ids.get(i), path));
        }
        return new StarterRecord(files);
    }

    /** Writes this record as {@code solutions/starters.txt}. */
    void write(Course c) throws IOException {
        var text = new StringBuilder(HEADER);
        files.values().forEach(s -> text.append(s.line()).append('\n'));
        Files.writeString(c.startersFile(), text, StandardCharsets.UTF_8);
    }

    /** The recorded files under {@code folder} (like {@code exercises/adder/}). */
    List<Starter> under(String folder) {
        return files.values().stream().filter(s -> s.path().startsWith(folder)).toList();
    }

    /**
     * How the starters now differ from this record, under the {@code folders} given: files changed, added or removed
     * since it was written, each a sentence that says how to write it again.
     */
    List<String> differences(StarterRecord now, Collection<String> folders) {
        var paths = new TreeSet<>(files.keySet());
        paths.addAll(now.files.keySet());
        var found = new ArrayList<String>();
        for (String p : paths) {
            if (folders.stream().noneMatch(p::startsWith)) {
                continue;
            }
            Starter was = files.get(p);
            Starter is = now.files.get(p);
            if (was == null) {
                found.add(p + " is not in solutions/starters.txt: " + REFRESH);
            } else if (is == null) {
                found.add(p + " is in solutions/starters.txt but no longer exists: " + REFRESH);
            } else if (!was.id().equals(is.id())) {
                found.add(p + " changed since solutions/starters.txt recorded it: " + REFRESH);
            }
        }
        return found;
    }

    /**
     * The files under {@code exercises/} that are no starters because git does not track them, by path: neither
     * tracked nor ignored (an editor's swap file, a {@code .DS_Store}, a new starter not yet {@code git add}ed).
     * None when the course is not a git repository.
     */
    static List<String> untracked(Course c) throws IOException, InterruptedException {
        return gitFiles(c, "--others", "--exclude-standard").orElse(List.of());
    }

    /** The regular files under {@code exercises/} that git tracks (every one, without git), by path. */
    private static List<String> workingTreeFiles(Course c) throws IOException, InterruptedException {
        var tracked = gitFiles(c, "--cached");
        if (tracked.isPresent()) {
            return tracked.get();
        }
        try (Stream<Path> walk = Files.walk(c.exercises())) {
            return walk.filter(Files::isRegularFile).map(p -> c.root().relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The regular files under {@code exercises/} that {@code git ls-files} lists with {@code options}, by path; empty
     * when the course is not a git repository.
     */
    private static Optional<List<String>> gitFiles(Course c, String... options)
            throws IOException, InterruptedException {
        var args = new ArrayList<>(List.of("ls-files", "-z"));
        args.addAll(List.of(options));
        args.addAll(List.of("--", "exercises/"));
        var ls = Git.run(c.root(), args.toArray(String[]::new));
        if (!ls.ok() && ls.err().contains("not a git repository")) {
            return Optional.empty();
        } else if (!ls.ok()) {
            throw new IllegalStateException("git ls-files could not list exercises/: " + ls.err().strip());
        }
        return Optional.of(Arrays.stream(ls.text().split("\0")).filter(p -> !p.isEmpty())
                .filter(p -> Files.isRegularFile(c.root().resolve(p))).distinct().sorted().toList());
    }

    /** {@code 100755} for an executable file where the file system says so, {@code 100644} otherwise. */
    private static String mode(Path file) {
        boolean posix = Files.getFileAttributeView(file, PosixFileAttributeView.class) != null;
        return posix && Files.isExecutable(file) ? "100755" : "100644";
    }
}

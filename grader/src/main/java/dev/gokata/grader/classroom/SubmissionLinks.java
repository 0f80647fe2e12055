package dev.gokata.grader.classroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The links of a submission's kata folder that lead out of the submission: a git clone keeps the symbolic links
 * committed, and the grader would compile the file one points at (the course's reference solution, a classmate's
 * code) as the student's own. Links within the submission stay allowed; a dangling link leads nowhere.
 */
final class SubmissionLinks {
    private SubmissionLinks() {
    }

    /**
     * The first path, relative to {@code submission}, on the way to or under {@code kataDir} that is a link whose
     * target lies outside {@code submission}; empty when there is none (or no such folder).
     */
    static Optional<String> outside(Path submission, Path kataDir) {
        try {
            Path root = submission.toRealPath();
            var paths = new ArrayList<Path>();
            for (Path p = kataDir; p.startsWith(submission) && !p.equals(submission); p = p.getParent()) {
                paths.add(p);
            }
            if (Files.isDirectory(kataDir, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> walk = Files.walk(kataDir)) {
                    walk.forEach(paths::add);
                }
            }
            for (Path p : paths) {
                if (Files.isSymbolicLink(p) && leadsOut(p, root)) {
                    return Optional.of(submission.relativize(p).toString());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean leadsOut(Path link, Path root) throws IOException {
        try {
            return !link.toRealPath().startsWith(root);
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}

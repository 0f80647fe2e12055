package dev.gokata.grader.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * What a kata's folder held when it was graded, as one SHA-256 of its {@code .java} files (their paths and their
 * text): {@code gokata list} compares it with the folder now, and marks a kata edited since its grade, so that a
 * "passed" never stands for code the student changed afterwards. A save that changes nothing changes no digest.
 */
public final class SourcesDigest {
    /** The digest of a folder that cannot be read: it matches no grading's. */
    static final String UNREADABLE = "unreadable";

    private SourcesDigest() {
    }

    /**
     * The digest of the {@code .java} files under {@code folder}, in hex; that of no file if there is no folder, and
     * {@link #UNREADABLE} if it cannot be read.
     */
    public static String of(Path folder) {
        var sha = sha256();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path file : walk.filter(SourcesDigest::isJava).sorted().toList()) {
                    sha.update(folder.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                    sha.update(Files.readAllBytes(file));
                    sha.update((byte) 0);
                }
            } catch (IOException | UncheckedIOException e) {
                return UNREADABLE; // a folder that cannot be read is not what was graded; compiling it says why
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static boolean isJava(Path p) {
        return p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

package dev.gokata.grader.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Writes and reads results as JSON (Jackson), indented, so one file serves Exercism, Gradescope and gokata. A file
 * is written whole (a temporary file beside it, then an atomic move), so a reader never sees half of one; fields a
 * reader does not know are skipped.
 */
public final class ResultsJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultsJson() {
    }

    public static String toJson(Object result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code result} to {@code file} whole, creating its folder. */
    public static void write(CourseResult result, Path file) {
        try {
            var dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            var temp = Files.createTempFile(dir, ".writing-", ".json");
            try {
                Files.writeString(temp, toJson(result) + "\n");
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static CourseResult read(Path file) {
        try {
            return JSON.readValue(file.toFile(), CourseResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads a results file, or nothing if it is missing or not results JSON. */
    public static Optional<CourseResult> readIfPresent(Path file) {
        try {
            return Optional.of(JSON.readValue(file.toFile(), CourseResult.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

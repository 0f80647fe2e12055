package dev.gokata.grader.classroom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The folder of every student's results JSON ({@code results/<student>.json}), which is also the batch's resume
 * journal: a file is written whole (to a temporary name, then moved atomically), so its presence means the student
 * is graded and a resumed batch skips them.
 */
public final class ResultsStore {

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public ResultsStore(Path dir) {
        this.dir = dir;
    }

    /** A file name for a student: letters, digits, dot, dash and underscore only, never starting with a dot. */
    public static String fileName(String student) {
        var safe = UNSAFE.matcher(student).replaceAll("_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    public Path dir() {
        return dir;
    }

    /** The file holding {@code student}'s results. */
    public Path file(String student) {
        return dir.resolve(fileName(student) + ".json");
    }

    /** True when {@code student} is already graded. */
    public boolean has(String student) {
        return Files.isRegularFile(file(student));
    }

    /** Writes {@code result} whole: readers see the old file or the new one, never a part. */
    public void write(StudentResult result) throws IOException {
        write(result.student(), result);
    }

    /** Writes {@code student}'s results ({@link StudentResult} or the grade command's JSON tree) whole. */
    public void write(String student, Object result) throws IOException {
        writeAtomically(file(student), result);
    }

    /** Writes {@code value} as JSON to {@code target} whole: a temporary file beside it, then an atomic move. */
    public static void writeAtomically(Path target, Object value) throws IOException {
        var dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        var temp = Files.createTempFile(dir, ".writing-", ".json");
        try {
            JSON.writeValue(temp.toFile(), value);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Reads a JSON object file as a tree, or nothing if it is missing or not a JSON object. */
    public static Optional<ObjectNode> readTree(Path file) {
        try {
            return JSON.readTree(file.toFile()) instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads one results file, or nothing if it is missing or not results JSON. */
    public static Optional<StudentResult> read(Path file) {
        try {
            return Optional.of(JSON.readValue(file.toFile(), StudentResult.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Every student's results in this folder, in file name order; unreadable files are named in {@code bad}. */
    public List<StudentResult> readAll(List<Path> bad) throws IOException {
        var results = new ArrayList<StudentResult>();
        if (!Files.isDirectory(dir)) {
            return results;
        }
        try (var files = Files.list(dir)) {
            for (var file : files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                read(file).ifPresentOrElse(results::add, () -> bad.add(file));
            }
        }
        return results;
    }
}

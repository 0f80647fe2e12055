package dev.gokata.grader.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The student's progress, one JSON file beside the exercises ({@code .gokata/state.json}, git-ignored): per kata
 * its last status, points, hints revealed and last graded time. Written whole to a temporary file and moved into
 * place, so an interrupted write never leaves half a file.
 */
public final class StateFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private record Content(Map<String, KataState> katas) {
    }

    private final Path file;
    private final Map<String, KataState> katas;

    private StateFile(Path file, Map<String, KataState> katas) {
        this.file = file;
        this.katas = katas;
    }

    /** Reads the state file, or starts an empty state if there is none (or it is unreadable). */
    public static StateFile load(Path file) {
        if (Files.isRegularFile(file)) {
            try {
                var content = JSON.readValue(file.toFile(), Content.class);
                if (content.katas() != null) {
                    return new StateFile(file, new TreeMap<>(content.katas()));
                }
            } catch (IOException e) {
                // a damaged state file only loses progress marks; grading rebuilds them
            }
        }
        return new StateFile(file, new TreeMap<>());
    }

    public KataState get(String kata) {
        return katas.getOrDefault(kata, KataState.NEW);
    }

    public void put(String kata, KataState state) {
        katas.put(kata, state);
    }

    public void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), new Content(katas));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the progress file " + file, e);
        }
    }
}

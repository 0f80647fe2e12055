package dev.gokata.grader.catalogue;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** The course's katas in course order, read from {@code solutions/katas.yaml}: the grader's only source of katas. */
public record KataCatalogue(List<Kata> katas) {

    public KataCatalogue {
        katas = List.copyOf(katas);
        var seen = new HashSet<String>();
        for (Kata k : katas) {
            if (!seen.add(k.id())) {
                throw new IllegalArgumentException("kata id \"" + k.id() + "\" appears twice in the catalogue");
            }
        }
    }

    /**
     * Reads a catalogue file; a malformed file is an {@link IllegalArgumentException} naming the file and the fault.
     */
    public static KataCatalogue load(Path file) {
        var mapper = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try {
            var catalogue = mapper.readValue(Files.readString(file), KataCatalogue.class);
            return catalogue.katas() == null ? new KataCatalogue(List.of()) : catalogue;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + ": " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalogue " + file, e);
        }
    }

    /** The kata with this id. */
    public Optional<Kata> find(String id) {
        return katas.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /**
     * The kata with this id, or an {@link IllegalArgumentException} that suggests the nearest id (a typo, another
     * case) and lists the ids there are.
     */
    public Kata get(String id) {
        return find(id).orElseThrow(() -> {
            var ids = katas.stream().map(Kata::id).toList();
            return new IllegalArgumentException("there is no kata \"" + id + "\";"
                    + NearestName.among(id, ids).map(k -> " did you mean " + k + "?").orElse("")
                    + " the katas are: " + String.join(", ", ids) + " (see `gokata list`)");
        });
    }

    /** The katas ready to be graded, in course order. */
    public List<Kata> ready() {
        return katas.stream().filter(Kata::isReady).toList();
    }
}

package dev.gokata.grader.catalogue;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

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
        return find(id).orElseThrow(() -> new IllegalArgumentException("there is no kata \"" + id + "\";"
                + nearest(id).map(k -> " did you mean " + k.id() + "?").orElse("")
                + " the katas are: " + katas.stream().map(Kata::id).collect(Collectors.joining(", "))
                + " (see `gokata list`)"));
    }

    /** The kata whose id is nearest to {@code id}, ignoring case: two letters away, or a third of its letters. */
    private Optional<Kata> nearest(String id) {
        String typed = id.toLowerCase(Locale.ROOT);
        return katas.stream()
                .filter(k -> distance(typed, k.id().toLowerCase(Locale.ROOT)) <= Math.max(2, k.id().length() / 3))
                .min(Comparator.comparingInt(k -> distance(typed, k.id().toLowerCase(Locale.ROOT))));
    }

    /** Levenshtein's edit distance: the fewest letters to insert, delete or change to turn {@code a} into {@code b}. */
    private static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    /** The katas ready to be graded, in course order. */
    public List<Kata> ready() {
        return katas.stream().filter(Kata::isReady).toList();
    }
}

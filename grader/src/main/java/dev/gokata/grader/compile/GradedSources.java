package dev.gokata.grader.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The files a kata is compiled from: the student's, and what the kata gives them (a fake fetcher, a stand-in for
 * {@code net/http}), which lives in the course ({@code solutions/src/given/java/<id>/}), not in the student's folder:
 * the hidden tests are written against it, so the student's code always meets the course's copy, as Gradescope
 * copies its support files over a submission.
 *
 * @param folder the student's folder (or any folder of sources graded as theirs)
 * @param files  the sources to compile
 * @param notes  for the student: each file of theirs that was left out because the kata gives a file of that name
 */
public record GradedSources(Path folder, List<Path> files, List<String> notes) {

    public GradedSources {
        files = List.copyOf(files);
        notes = List.copyOf(notes);
    }

    /**
     * Every {@code .java} file under {@code submitted} and under {@code given}; a submitted file at the top of its
     * folder named as a given one (copied there, or kept from a clone of an older layout) is left out, with a note
     * if it differs from the given one. {@code show} renders a path for a note.
     */
    public static GradedSources of(Path submitted, Path given, Function<Path, String> show) {
        var own = KataCompiler.javaFiles(List.of(submitted));
        var gives = KataCompiler.javaFiles(List.of(given));
        if (own.isEmpty() || gives.isEmpty()) {
            return new GradedSources(submitted, own, List.of());
        }
        Set<String> givenNames = gives.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        var files = new ArrayList<Path>();
        var notes = new ArrayList<String>();
        for (Path file : own) {
            String name = file.getFileName().toString();
            if (!file.getParent().equals(submitted) || !givenNames.contains(name)) {
                files.add(file);
            } else if (!sameText(file, given.resolve(name))) {
                notes.add(show.apply(file) + " was left out: the kata gives " + name + " (" + show.apply(given)
                        + "/), and the tests ran with that one. Make your changes in the files of your folder.");
            }
        }
        files.addAll(gives);
        return new GradedSources(submitted, files, notes);
    }

    /** The same text, whatever the line endings (a clone on Windows may have CRLF). */
    private static boolean sameText(Path a, Path b) {
        try {
            return normalized(a).equals(normalized(b));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String normalized(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}

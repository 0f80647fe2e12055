package dev.gokata.grader.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The files a kata is graded from: the submission's own, with each file the kata gives (a fake fetcher, a stand-in
 * for {@code net/http}) taken from the course instead, as Gradescope copies its support files over a submission.
 * The hidden tests are written against the given files; a student's edit to one would change what they test.
 *
 * @param files the sources to compile
 * @param notes for the student: each given file of theirs that differs from the course's copy
 */
public record GradedSources(List<Path> files, List<String> notes) {

    public GradedSources {
        files = List.copyOf(files);
        notes = List.copyOf(notes);
    }

    /**
     * The sources of a kata: every {@code .java} file under {@code submitted}, but each of {@code given} (file names
     * at its top level) from {@code courseCopies} where the course has it. {@code show} renders a path for a note.
     */
    public static GradedSources of(Path submitted, List<String> given, Path courseCopies, Function<Path, String> show) {
        var own = KataCompiler.javaFiles(List.of(submitted));
        if (own.isEmpty() || given.isEmpty()) {
            return new GradedSources(own, List.of());
        }
        var files = new ArrayList<Path>();
        var notes = new ArrayList<String>();
        for (Path file : own) {
            String name = file.getFileName().toString();
            Path copy = courseCopies.resolve(name);
            boolean replaced = file.getParent().equals(submitted) && given.contains(name) && Files.isRegularFile(copy);
            if (!replaced) {
                files.add(file);
            } else if (!sameText(file, copy)) {
                notes.add(show.apply(file) + " is one of the files the kata gives, and yours differs from the course's"
                        + " copy: the tests ran with the course's. Make your changes in the files the kata's README"
                        + " asks you to edit.");
            }
        }
        for (String name : given) {
            Path copy = courseCopies.resolve(name);
            if (Files.isRegularFile(copy)) {
                files.add(copy);
            }
        }
        return new GradedSources(files, notes);
    }

    /** The same text, whatever the line endings (a clone on Windows may have CRLF). */
    public static boolean sameText(Path a, Path b) {
        try {
            return normalized(a).equals(normalized(b));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String normalized(Path p) throws IOException {
        return new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}

package dev.gokata.grader.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * @param errors as javac would report them, what javac does not check: each file of the student's whose package is
 *               not the kata's (the hidden tests would not find its classes)
 */
public record GradedSources(Path folder, List<Path> files, List<String> notes, List<String> errors) {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    public GradedSources {
        files = List.copyOf(files);
        notes = List.copyOf(notes);
        errors = List.copyOf(errors);
    }

    /**
     * Every {@code .java} file under {@code submitted} and under {@code given}; a submitted file at the top of its
     * folder named as a given one (copied there, or kept from a clone of an older layout) is left out, with a note
     * if it differs from the given one. A submitted file must be in package {@code kata} (or one inside it). {@code
     * show} renders a path for a note or an error.
     */
    public static GradedSources of(Path submitted, Path given, String kata, Function<Path, String> show) {
        var own = KataCompiler.javaFiles(List.of(submitted));
        var gives = KataCompiler.javaFiles(List.of(given));
        var errors = new ArrayList<String>();
        own.forEach(file -> packageError(file, kata, show).ifPresent(errors::add));
        if (own.isEmpty() || gives.isEmpty()) {
            return new GradedSources(submitted, own, List.of(), errors);
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
        return new GradedSources(submitted, files, notes, errors);
    }

    /**
     * The error, in javac's form, of a {@code file} that is not in package {@code kata} or one inside it: javac
     * compiles it, and the tests then miss its classes. (Go refuses a folder whose files name different packages.)
     */
    private static Optional<String> packageError(Path file, String kata, Function<Path, String> show) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            var decoded = CharBuffer.allocate(bytes.length);
            var in = ByteBuffer.wrap(bytes);
            if (StandardCharsets.UTF_8.newDecoder().decode(in, decoded, true).isError()) {
                return Optional.of(notUtf8(file, bytes, in.position(), show));
            }
            text = decoded.flip().toString();
        } catch (IOException e) {
            return Optional.empty(); // javac reports the file it cannot read
        }
        Matcher m = PACKAGE.matcher(COMMENT.matcher(text).replaceAll(" "));
        String declared = m.find() ? m.group(1) : null;
        if (declared != null && (declared.equals(kata) || declared.startsWith(kata + "."))) {
            return Optional.empty();
        }
        if (declared == null) {
            return Optional.of(show.apply(file) + ":1: error: no package declaration: every file of the kata starts"
                    + " with package " + kata + ";\n");
        }
        var lines = text.split("\r?\n", -1);
        int line = 0;
        while (line < lines.length && !lines[line].matches(".*\\bpackage\\s+" + Pattern.quote(declared) + "\\s*;.*")) {
            line++;
        }
        return Optional.of(show.apply(file) + ":" + (line + 1) + ": error: package " + declared + " is not the kata's:"
                + " every file of the kata is in package " + kata + " (the tests look for " + kata + "."
                + file.getFileName().toString().replaceFirst("\\.java$", "") + ")\n"
                + (line < lines.length ? lines[line] + "\n" : ""));
    }

    /**
     * The error, in javac's form, of a file that is not UTF-8 (saved as Latin-1 or Windows-1252 by an editor): javac
     * would report each such byte as an unmappable character, and then illegal characters, without saying why.
     */
    private static String notUtf8(Path file, byte[] bytes, int at, Function<Path, String> show) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return show.apply(file) + ":" + line + ": error: the file is not UTF-8 text (byte 0x"
                + HexFormat.of().withUpperCase().toHexDigits(bytes[at]) + " on this line): the course's files are"
                + " UTF-8; save it as UTF-8 in your editor (its encoding setting, often in the status bar)\n";
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

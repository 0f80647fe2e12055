package dev.gokata.grader.classroom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * One student's checkout in the submissions folder: a folder, or a zip of one. Its {@code id} is the folder or zip
 * name made safe for file names ({@link ResultsStore#fileName}), unique within the class.
 */
public record Submission(String id, Path path) {

    /** True when the submission is a zip file to extract before grading. */
    public boolean zipped() {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /**
     * Every submission in {@code folder}, by id: each sub-folder and each {@code .zip} file; hidden entries and
     * {@code skip} (the output folder, when it lies inside) are left out. A folder and a zip of the same name, or
     * names equal once made safe, or equal but for case (their results files would be one file on macOS or
     * Windows), get {@code -2}, {@code -3}... suffixes.
     */
    public static List<Submission> scan(Path folder, Path skip) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("no submissions folder " + folder
                    + ": give the folder holding one checkout (or zip) per student");
        }
        var skipReal = skip == null || !Files.exists(skip) ? null : skip.toRealPath();
        List<Path> entries;
        try (var list = Files.list(folder)) {
            entries = list.sorted().toList();
        }
        var found = new ArrayList<Submission>();
        var taken = new HashSet<String>();
        for (var entry : entries) {
            var name = entry.getFileName().toString();
            if (name.startsWith(".")
                    || (skipReal != null && Files.exists(entry) && entry.toRealPath().equals(skipReal))) {
                continue;
            }
            String base;
            if (Files.isDirectory(entry)) {
                base = name;
            } else if (name.toLowerCase(Locale.ROOT).endsWith(".zip") && Files.isRegularFile(entry)) {
                base = name.substring(0, name.length() - 4);
            } else {
                continue;
            }
            var id = ResultsStore.fileName(base);
            for (int n = 2; !taken.add(id.toLowerCase(Locale.ROOT)); n++) {
                id = ResultsStore.fileName(base) + "-" + n;
            }
            found.add(new Submission(id, entry));
        }
        return found;
    }
}

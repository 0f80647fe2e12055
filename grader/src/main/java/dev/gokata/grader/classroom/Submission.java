package dev.gokata.grader.classroom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One student's checkout in the submissions folder: a folder, or a zip of one. Its {@code id} is the folder or zip
 * name made safe for file names ({@link ResultsStore#fileName}), unique within the class.
 */
public record Submission(String id, Path path) {

    /** The folder or zip name as the student gave it, from which the id was made. */
    public String name() {
        return path.getFileName().toString();
    }

    /**
     * The ids of {@code submissions} that an older gokata, whose results did not name their folder or zip, may have
     * given to another of them (it gave {@code -2} to the second in listing order): the ids of names equal once made
     * safe or but for case, and of names that extend such a name ({@code li_wei-2} beside {@code li wei} and
     * {@code li_wei}).
     */
    static Set<String> contested(List<Submission> submissions) {
        var seen = new HashSet<String>();
        var shared = new HashSet<String>();
        for (var s : submissions) {
            var key = ResultsStore.fileName(s.base()).toLowerCase(Locale.ROOT);
            if (!seen.add(key)) {
                shared.add(key);
            }
        }
        return submissions.stream().map(Submission::id).filter(id -> shared.stream().anyMatch(
                b -> id.toLowerCase(Locale.ROOT).equals(b) || id.toLowerCase(Locale.ROOT).startsWith(b + "-")))
                .collect(Collectors.toSet());
    }

    /** The name the id is made from: the folder name, or the zip name without {@code .zip}. */
    private String base() {
        var name = name();
        return zipped() ? name.substring(0, name.length() - 4) : name;
    }

    /** True when the submission is a zip file to extract before grading. */
    public boolean zipped() {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /**
     * Every submission in {@code folder}, in the order of their names ({@link String#compareTo}, the same on every
     * machine: shards rely on it): each sub-folder and each {@code .zip} file; hidden entries and {@code skip} (the
     * output folder, when it lies inside) are left out.
     *
     * <p>Ids are unique, and which one gets a suffix does not depend on the order the file system lists them in. A
     * folder and a zip of the same name, names equal once made safe, or equal but for case (their results files would
     * be one file on macOS or Windows) share one id; then:
     * <ol>
     * <li>a name that is safe as it is keeps it ({@code li_wei} stays {@code li_wei}, whatever else there is), the
     *     first in name order when several are (a folder {@code maya} before {@code maya.zip}, {@code Maya} before
     *     {@code maya});</li>
     * <li>every other one, in name order, gets the first of {@code -2}, {@code -3}... no name has taken
     *     ({@code li wei} is {@code li_wei-2}).</li>
     * </ol>
     */
    public static List<Submission> scan(Path folder, Path skip) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("no submissions folder " + folder
                    + ": give the folder holding one checkout (or zip) per student");
        }
        var skipReal = skip == null || !Files.exists(skip) ? null : skip.toRealPath();
        List<Path> entries;
        try (var list = Files.list(folder)) {
            entries = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        var bases = new LinkedHashMap<Path, String>();
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
            bases.put(entry, base);
        }
        // pass 1 — names safe as they are keep them; pass 2 — the others take the first free id
        var ids = new HashMap<Path, String>();
        var taken = new HashSet<String>();
        bases.forEach((entry, base) -> {
            if (ResultsStore.fileName(base).equals(base) && taken.add(base.toLowerCase(Locale.ROOT))) {
                ids.put(entry, base);
            }
        });
        bases.forEach((entry, base) -> {
            if (!ids.containsKey(entry)) {
                var id = ResultsStore.fileName(base);
                for (int n = 2; !taken.add(id.toLowerCase(Locale.ROOT)); n++) {
                    id = ResultsStore.fileName(base) + "-" + n;
                }
                ids.put(entry, id);
            }
        });
        return bases.keySet().stream().map(entry -> new Submission(ids.get(entry), entry)).toList();
    }
}

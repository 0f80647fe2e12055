package dev.gokata.grader.catalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The author's check that the catalogue and the folders agree: each ready kata has its starter (with a TODO and
 * its main class), README, reference solution, hidden test classes and hints; what the kata gives is not copied
 * into the student's folder; no hidden test is in a student's folder; and no folder belongs to no kata. Returns
 * problems as sentences naming the file to fix.
 */
public final class LayoutCheck {
    /** Folders under the solution and test source roots that belong to no kata by design. */
    private static final Set<String> SHARED = Set.of("dev");

    private LayoutCheck() {
    }

    /** The problems of one ready kata's folders. */
    public static List<String> kata(Course c, Kata k) {
        var problems = new ArrayList<String>();
        Path ex = c.exercise(k.id());
        if (!Files.isDirectory(ex)) {
            problems.add(c.show(ex) + "/ is missing: every ready kata has a starter folder");
            return problems;
        }
        if (!Files.isRegularFile(ex.resolve("README.md"))) {
            problems.add(c.show(ex.resolve("README.md")) + " is missing");
        }
        var starters = javaFiles(ex);
        if (starters.isEmpty()) {
            problems.add(c.show(ex) + "/ has no .java starter file");
        } else if (starters.stream().noneMatch(LayoutCheck::hasTodo)) {
            problems.add("no starter file in " + c.show(ex) + "/ says TODO: mark what the student must write");
        }
        if (!Files.isRegularFile(ex.resolve(k.main() + ".java"))) {
            problems.add(c.show(ex.resolve(k.main() + ".java"))
                    + " is missing: the catalogue's main class for `gokata run`");
        }
        if (javaFiles(c.solution(k.id())).isEmpty()) {
            problems.add(c.show(c.solution(k.id())) + "/ has no reference solution");
        }
        if (k.tests().isEmpty()) {
            problems.add(k.id() + " has no tests in solutions/katas.yaml");
        }
        for (TestGroup g : k.tests()) {
            Path source = c.testSources(k.id()).resolve(g.className() + ".java");
            if (!Files.isRegularFile(source)) {
                problems.add(c.show(source) + " is missing: the catalogue names it in " + k.id() + "'s tests");
            }
            if (Files.exists(ex.resolve(g.className() + ".java"))
                    || Files.exists(ex.resolve(g.className() + ".class"))) {
                problems.add(c.show(ex.resolve(g.className()))
                        + ".* is a hidden test inside the student's folder: remove it");
            }
        }
        problems.addAll(given(c, k));
        if (k.hints().isEmpty()) {
            problems.add(k.id() + " has no hints in solutions/katas.yaml");
        }
        if (k.points() == 0 && !k.tests().isEmpty()) {
            problems.add(k.id() + "'s tests are worth 0 points");
        }
        return problems;
    }

    /**
     * What the kata gives stays out of the student's folder (the grader compiles the course's copy, and a second
     * copy would only drift), and a starter file the same as the reference's is either given or left to the student.
     */
    private static List<String> given(Course c, Kata k) {
        var problems = new ArrayList<String>();
        Path ex = c.exercise(k.id());
        Path ref = c.solution(k.id());
        for (Path file : javaFiles(c.given(k.id()))) {
            Path copy = ex.resolve(file.getFileName().toString());
            if (Files.exists(copy)) {
                problems.add(c.show(copy) + " is a copy of " + c.show(file) + ", which the kata gives: remove it from"
                        + " the student's folder (the grader compiles the given one)");
            }
        }
        for (Path starter : javaFiles(ex)) {
            Path twin = ref.resolve(starter.getFileName().toString());
            if (starter.getParent().equals(ex) && Files.isRegularFile(twin) && sameBytes(starter, twin)) {
                problems.add(c.show(starter) + " is the same as the reference's: if the kata gives it, move it to "
                        + c.show(c.given(k.id())) + "/; if not, leave the student something to do in it");
            }
        }
        return problems;
    }

    private static boolean sameBytes(Path a, Path b) {
        try {
            return Files.mismatch(a, b) == -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Folders of the course that belong to no kata of the catalogue. */
    public static List<String> strays(Course c, KataCatalogue catalogue) {
        Set<String> ids = catalogue.katas().stream().map(Kata::id).collect(Collectors.toSet());
        var problems = new ArrayList<String>();
        for (Path root : List.of(c.exercises(), c.root().resolve("solutions/src/main/java"),
                c.root().resolve("solutions/src/given/java"),
                c.root().resolve("solutions/src/test/java"), c.root().resolve("solutions/fixtures"))) {
            for (Path dir : subfolders(root)) {
                String name = dir.getFileName().toString();
                if (!ids.contains(name) && !SHARED.contains(name)) {
                    problems.add(c.show(dir) + "/ belongs to no kata of solutions/katas.yaml:"
                            + " add the kata or remove the folder");
                }
            }
        }
        return problems;
    }

    /** The subfolders of a folder (none if it does not exist). */
    public static List<Path> subfolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasTodo(Path file) {
        try {
            return Files.readString(file).contains("TODO");
        } catch (IOException e) {
            return false;
        }
    }
}

package dev.gokata.grader.catalogue;

import dev.gokata.grader.compile.GradedSources;
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
 * its main class), README, reference solution, hidden test classes and hints; its given files are the same in the
 * starter and the reference; no hidden test is in a student's folder; and no folder belongs to no kata. Returns problems as sentences naming the file to fix.
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
            problems.add(c.show(ex.resolve(k.main() + ".java")) + " is missing: the catalogue's main class for `gokata run`");
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
            if (Files.exists(ex.resolve(g.className() + ".java")) || Files.exists(ex.resolve(g.className() + ".class"))) {
                problems.add(c.show(ex.resolve(g.className())) + ".* is a hidden test inside the student's folder: remove it");
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
     * The kata's given files are in the starter and the reference alike, the same text (the grader compiles the
     * reference's copy), and a starter file the same as the reference's is listed as given.
     */
    private static List<String> given(Course c, Kata k) {
        var problems = new ArrayList<String>();
        Path ex = c.exercise(k.id());
        Path ref = c.solution(k.id());
        for (String name : k.given()) {
            if (!Files.isRegularFile(ex.resolve(name))) {
                problems.add(c.show(ex.resolve(name)) + " is missing: solutions/katas.yaml lists it in " + k.id()
                        + "'s given files");
            } else if (!Files.isRegularFile(ref.resolve(name))) {
                problems.add(c.show(ref.resolve(name)) + " is missing: the grader compiles the course's copy of "
                        + k.id() + "'s given file " + name + " from there");
            } else if (!GradedSources.sameText(ex.resolve(name), ref.resolve(name))) {
                problems.add(c.show(ex.resolve(name)) + " differs from " + c.show(ref.resolve(name)) + ": a given file"
                        + " is the same in both (the grader compiles the second, whatever the student's says)");
            }
        }
        for (Path starter : javaFiles(ex)) {
            String name = starter.getFileName().toString();
            Path twin = ref.resolve(name);
            if (starter.getParent().equals(ex) && !k.given().contains(name) && Files.isRegularFile(twin)
                    && GradedSources.sameText(starter, twin)) {
                problems.add(c.show(starter) + " is the same as the reference's: list it in " + k.id() + "'s given"
                        + " files in solutions/katas.yaml (the grader then compiles the course's copy), or leave the"
                        + " student something to do in it");
            }
        }
        return problems;
    }

    /** Folders of the course that belong to no kata of the catalogue. */
    public static List<String> strays(Course c, KataCatalogue catalogue) {
        Set<String> ids = catalogue.katas().stream().map(Kata::id).collect(Collectors.toSet());
        var problems = new ArrayList<String>();
        for (Path root : List.of(c.exercises(), c.root().resolve("solutions/src/main/java"),
                c.root().resolve("solutions/src/test/java"), c.root().resolve("solutions/fixtures"))) {
            for (Path dir : subfolders(root)) {
                String name = dir.getFileName().toString();
                if (!ids.contains(name) && !SHARED.contains(name)) {
                    problems.add(c.show(dir) + "/ belongs to no kata of solutions/katas.yaml: add the kata or remove the folder");
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

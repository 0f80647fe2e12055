package dev.gokata.grader;

import dev.gokata.grader.catalogue.Course;
import dev.gokata.grader.catalogue.KataCatalogue;
import dev.gokata.grader.compile.CompileResult;
import dev.gokata.grader.compile.KataCompiler;
import dev.gokata.grader.run.Toolchain;
import dev.gokata.grader.sandbox.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The grader tests' tiny course (src/test/resources/fakecourse), copied into a temporary folder and made gradable
 * the way Maven makes the real one: the reference solution compiled into solutions/target/classes, the hidden tests
 * against it into solutions/target/test-classes. The course repository is also a git repository (for reset).
 */
public final class FakeCourse {
    final Path root;
    final KataCatalogue catalogue;

    private FakeCourse(Path root) {
        this.root = root;
        this.catalogue = KataCatalogue.load(new Course(root).catalogueFile());
    }

    /** The fake course copied into {@code dir} and built there (the grader's and the classroom's tests share it). */
    public static FakeCourse copyTo(Path dir) {
        return copyTo(dir, List.of());
    }

    /**
     * The fake course copied into {@code dir} with the {@code overlays} (folders of src/test/resources) copied over
     * it in turn, then built.
     */
    public static FakeCourse copyTo(Path dir, List<String> overlays) {
        copyTree(resource("fakecourse"), dir);
        overlays.forEach(o -> copyTree(resource(o), dir));
        var toolchain = Toolchain.current();
        var course = new Course(dir);
        var main = new KataCompiler(toolchain.compileClasspath(), course::show)
                .compile(List.of(dir.resolve("solutions/src/main/java"), dir.resolve("solutions/src/given/java")),
                        dir.resolve("solutions/target/classes"));
        if (!(main instanceof CompileResult.Compiled)) {
            throw new AssertionError("the fake course's solutions do not compile: " + main);
        }
        var tests = new KataCompiler(testClasspath(dir), course::show)
                .compile(dir.resolve("solutions/src/test/java"), course.testClasses());
        if (!(tests instanceof CompileResult.Compiled)) {
            throw new AssertionError("the fake course's hidden tests do not compile: " + tests);
        }
        return new FakeCourse(dir);
    }

    /** The course's folder. */
    public Path root() {
        return root;
    }

    /** What hidden tests compile against: the built reference solutions and the test libraries. */
    public List<Path> testClasspath() {
        return testClasspath(root);
    }

    private static List<Path> testClasspath(Path dir) {
        var cp = new ArrayList<Path>(List.of(dir.resolve("solutions/target/classes")));
        cp.addAll(Toolchain.current().testCompileClasspath());
        return cp;
    }

    /** A folder of src/test/resources. */
    public static Path resource(String name) {
        try {
            return Path.of(FakeCourse.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** Copies a folder tree, replacing what is there. */
    public static void copyTree(Path from, Path to) {
        try {
            FileTrees.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

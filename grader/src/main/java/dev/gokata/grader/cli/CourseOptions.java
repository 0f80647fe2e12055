package dev.gokata.grader.cli;

import dev.gokata.grader.catalogue.Course;
import dev.gokata.grader.catalogue.Kata;
import dev.gokata.grader.catalogue.KataCatalogue;
import dev.gokata.grader.state.KataStatus;
import dev.gokata.grader.state.SourcesDigest;
import dev.gokata.grader.state.StateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The flag every command shares: which course repository to work on (found from the current folder up). */
public final class CourseOptions {
    @Option(names = "--root", paramLabel = "DIR",
            description = "The course repository"
                    + " (default: the nearest folder, from here up, with solutions/katas.yaml).")
    Path root;

    private Course course;
    private KataCatalogue catalogue;

    /** The course's layout. */
    public Course course() {
        if (course == null) {
            course = new Course(findRoot());
        }
        return course;
    }

    /** The catalogue of katas. */
    public KataCatalogue catalogue() {
        if (catalogue == null) {
            catalogue = KataCatalogue.load(course().catalogueFile());
        }
        return catalogue;
    }

    /** The student's progress file. */
    public StateFile state() {
        return StateFile.load(course().stateFile());
    }

    /** The {@link SourcesDigest} of the student's folder of {@code kata} as it is now. */
    public String sourcesNow(Kata kata) {
        return SourcesDigest.of(course().exercise(kata.id()));
    }

    /** The kata a student works on now: the first ready one not passed yet. */
    public Optional<Kata> current(StateFile state) {
        return catalogue().ready().stream().filter(k -> state.get(k.id()).status() != KataStatus.PASSED).findFirst();
    }

    /**
     * The kata {@code name}d, or when none is named the {@link #current current} one; with every kata passed, a usage
     * error that asks for a name.
     */
    public Kata namedOrCurrent(String name, StateFile state) {
        return name != null ? catalogue().get(name)
                : current(state).orElseThrow(() -> new IllegalArgumentException("every kata has passed: name one"
                        + " (`gokata list` shows them all)"));
    }

    private Path findRoot() {
        if (root != null) {
            return checked(root);
        }
        String fromScript = System.getProperty("gokata.root");
        if (fromScript != null) {
            return checked(Path.of(fromScript));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("solutions/katas.yaml"))) {
                return p;
            }
        }
        throw new IllegalArgumentException("no course here: no solutions/katas.yaml in this folder or above it."
                + " Run gokata inside your clone of the course, or pass --root DIR");
    }

    private static Path checked(Path p) {
        if (!Files.isRegularFile(p.resolve("solutions/katas.yaml"))) {
            throw new IllegalArgumentException(p + " is not a course: it has no solutions/katas.yaml");
        }
        return p;
    }
}

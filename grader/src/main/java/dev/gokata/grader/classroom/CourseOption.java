package dev.gokata.grader.classroom;

import dev.gokata.grader.catalogue.KataCatalogue;
import dev.gokata.grader.catalogue.TestGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --course} and {@code --title} options shared by the class commands: whose catalogue, what name. */
final class CourseOption {

    @Option(names = "--course", paramLabel = "FOLDER",
            description = "The instructor's course repository (catalogue and hidden tests); default: this gokata's.")
    Path course;

    @Option(names = "--title", defaultValue = "gokata",
            description = "The course's name on the report (default: ${DEFAULT-VALUE}).")
    String title;

    /** The course folder: {@code --course}, else the folder the {@code gokata} script runs from, else here. */
    Path root() {
        if (course != null) {
            return course.toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("gokata.root", ".")).toAbsolutePath().normalize();
    }

    KataCatalogue catalogue() {
        var file = new dev.gokata.grader.catalogue.Course(root()).catalogueFile();
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no catalogue at " + file
                    + ": run from the course repository or give --course FOLDER");
        }
        return KataCatalogue.load(file);
    }

    /**
     * The report's course: the katas graded, in course order, with titles and points (private test groups
     * included).
     */
    Course reportCourse(List<String> katas, Map<String, List<TestGroup>> extra) {
        var catalogue = catalogue();
        var named = katas.stream().map(catalogue::get).toList(); // an unknown id is an error naming the nearest
        var graded = katas.isEmpty() ? catalogue.ready()
                : catalogue.katas().stream().filter(named::contains).toList();
        return new Course(title, graded.stream().map(k -> new Course.Kata(k.id(), k.title(), k.points()
                + extra.getOrDefault(k.id(), List.of()).stream().mapToInt(TestGroup::points).sum())).toList());
    }

    /**
     * The report's course for results already written: every ready kata of the catalogue, in course order (a kata
     * not ready yet has no hidden tests to grade); without a catalogue, the katas the results name.
     */
    Course reportCourseOrResults() {
        try {
            return new Course(title, catalogue().ready().stream()
                    .map(k -> new Course.Kata(k.id(), k.title(), k.points())).toList());
        } catch (IllegalArgumentException e) {
            return Course.fromResults(title);
        }
    }
}

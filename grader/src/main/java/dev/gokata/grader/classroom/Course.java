package dev.gokata.grader.classroom;

import dev.gokata.grader.report.CourseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The katas a class is graded on, in catalogue order, with their titles: the columns of the gradebook and the
 * sections of the report, every one of them whatever the results hold, so that their shape never depends on who was
 * graded. Katas that appear only in results (an older catalogue) follow the catalogue's.
 */
public record Course(String name, List<Kata> katas) {

    /** A kata's id, title, and the points its hidden tests are worth in all. */
    public record Kata(String id, String title, double points) {
    }

    public Course {
        katas = List.copyOf(katas);
    }

    /** A course known only from results: its katas are those the results name, in first-seen order. */
    public static Course fromResults(String name) {
        return new Course(name, List.of());
    }

    /** Every kata of the course, then those only the results of {@code students} know, in first-seen order. */
    List<Kata> katas(List<CourseResult> students) {
        var all = new LinkedHashMap<String, Kata>();
        katas.forEach(k -> all.put(k.id(), k));
        students.forEach(s -> s.katas().forEach(k -> all.putIfAbsent(k.id(), new Kata(k.id(), k.id(), 0))));
        return new ArrayList<>(all.values());
    }
}

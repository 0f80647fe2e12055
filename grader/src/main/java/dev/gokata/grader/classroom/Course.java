package dev.gokata.grader.classroom;

import dev.gokata.grader.report.CourseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The katas a class is graded on, in catalogue order, with their titles: the columns of the gradebook and the
 * sections of the report. Katas that appear only in results (an older catalogue) follow the catalogue's.
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

    /** The catalogue's katas that any student has a result for, then those only the results know. */
    List<Kata> katas(List<CourseResult> students) {
        var seen = new LinkedHashMap<String, Kata>();
        var graded = new LinkedHashMap<String, Boolean>();
        students.forEach(s -> s.katas().forEach(k -> graded.put(k.id(), true)));
        katas.stream().filter(k -> graded.containsKey(k.id())).forEach(k -> seen.put(k.id(), k));
        graded.keySet().forEach(id -> seen.putIfAbsent(id, new Kata(id, id, 0)));
        return new ArrayList<>(seen.values());
    }
}

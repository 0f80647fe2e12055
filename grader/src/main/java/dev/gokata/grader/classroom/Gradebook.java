package dev.gokata.grader.classroom;

import dev.gokata.grader.report.CourseResult;
import dev.gokata.grader.report.Points;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The gradebook CSV: a row per student (its id, and the folder or zip name it was made from, as the student gave it),
 * a column of points per kata, then the total and the points available.
 * The kata columns are the course's katas ({@link Course#katas(List)}), whatever the results: a kata the student has
 * no result for is an empty cell, and a class with no results gets the header row alone. Written with Jackson's CSV
 * dataformat.
 */
public final class Gradebook {

    static final String STUDENT = "student";
    static final String SUBMISSION = "submission";
    static final String RUN = "run";
    static final String TOTAL = "total";
    static final String MAX = "max";

    private Gradebook() {
    }

    /** Writes the gradebook of {@code students} to {@code file}. */
    public static void write(Course course, List<CourseResult> students, Path file) throws IOException {
        var katas = course.katas(students);
        var schema = CsvSchema.builder().addColumn(STUDENT).addColumn(SUBMISSION).addColumn(RUN);
        katas.forEach(k -> schema.addColumn(k.id()));
        schema.addColumn(TOTAL).addColumn(MAX);
        var rows = new ArrayList<LinkedHashMap<String, String>>();
        for (var student : students.stream().sorted(Comparator.comparing(CourseResult::student)).toList()) {
            var row = new LinkedHashMap<String, String>();
            row.put(STUDENT, defuse(student.student()));
            row.put(SUBMISSION, student.submission() == null ? "" : defuse(student.submission()));
            row.put(RUN, student.run().name().toLowerCase(java.util.Locale.ROOT));
            katas.forEach(k -> row.put(k.id(), student.kata(k.id()).map(r -> Points.format(r.score())).orElse("")));
            row.put(TOTAL, Points.format(student.score()));
            row.put(MAX, Points.format(student.maxScore()));
            rows.add(row);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        // Closing the sequence writes the header when no row did (a class with no results): the file always has it.
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             var csv = new CsvMapper().writer(schema.build().withHeader()).writeValues(writer)) {
            csv.writeAll(rows);
        }
    }

    /** A name a spreadsheet would run as a formula ({@code =HYPERLINK(...)}) gets a leading apostrophe. */
    static String defuse(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }
}

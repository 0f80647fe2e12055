package dev.gokata.grader.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gokata.grader.FakeCourse;
import dev.gokata.grader.Gokata;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gokata class report}: the gradebook's columns come from the course's catalogue, not from the results. */
class ClassReportCommandTest {
    @TempDir
    Path out;

    @Test
    void givenNoResultsYet_whenReported_thenTheGradebookHasAColumnPerReadyKataOfTheCatalogue() throws Exception {
        Files.createDirectories(out.resolve("results"));
        var err = new StringWriter();
        var cl = Gokata.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));

        int exit = cl.execute("class", "report", out.toString(),
                "--course", FakeCourse.resource("fakecourse").toString());

        assertEquals(0, exit, err.toString());
        assertEquals(List.of("student,submission,run,adder,total,max"), Files.readAllLines(out.resolve("gradebook.csv")),
                "adder is ready; later, not ready yet, has no hidden tests to grade");
    }
}

package dev.gokata.grader.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.grader.FakeCourse;
import dev.gokata.grader.report.ResultsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** One submission's grading process ({@link GradeSubmission}), run in this JVM: what it refuses before compiling. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GradeSubmissionTest {
    @TempDir
    Path tmp;

    @Test
    void givenASourceThatLinksOutOfTheSubmission_whenGraded_thenTheKataIsRefusedNamingTheLink() throws IOException {
        var course = FakeCourse.copyTo(tmp.resolve("course")).root();
        var reference = course.resolve("solutions/src/main/java/adder/Adder.java");
        var student = tmp.resolve("submissions/maya");
        Files.createSymbolicLink(Files.createDirectories(student.resolve("exercises/adder")).resolve("Adder.java"),
                reference);
        var linkedFolder = tmp.resolve("submissions/li");
        Files.createDirectories(linkedFolder.resolve("exercises"));
        Files.createSymbolicLink(linkedFolder.resolve("exercises/adder"), reference.getParent());

        for (var submission : java.util.List.of(student, linkedFolder)) {
            var results = tmp.resolve(submission.getFileName() + ".json");
            int exit = new CommandLine(new GradeSubmission()).execute("--course", course.toString(),
                    "--tests", course.resolve("solutions/target/test-classes").toString(),
                    "--submission", submission.toString(), "--build", tmp.resolve("build").toString(),
                    "--out", results.toString());
            assertEquals(0, exit);
            var adder = ResultsJson.read(results).katas().getFirst();
            assertEquals(0.0, adder.score(), submission + ": the reference solution, linked, earns nothing");
            String link = submission == student ? "exercises/adder/Adder.java" : "exercises/adder";
            assertTrue(adder.message().contains("not compiled: " + link + " is a link to a file outside the"
                    + " submission"), adder.message());
        }
    }
}

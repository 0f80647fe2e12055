package dev.gokata.grader.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.grader.FakeCourse;
import dev.gokata.grader.Gokata;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code gokata class grade} given a folder that is not a class: it says what to give, and grades nothing. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClassGradeCommandTest {
    @TempDir
    Path tmp;
    Path course;

    record Run(int exit, String err) {
    }

    @BeforeEach
    void copyTheFakeCourse() {
        course = FakeCourse.copyTo(tmp.resolve("course")).root();
    }

    private Run classGrade(Path submissions, Path out) {
        var err = new StringWriter();
        var cl = Gokata.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("class", "grade", submissions.toString(), "--course", course.toString(),
                "-o", out.toString(), "--no-sandbox");
        return new Run(exit, err.toString());
    }

    @Test
    void givenAFolderWithNoSubmissions_whenGraded_thenItSaysWhatToGiveAndWritesNoReport() throws IOException {
        var files = Files.createDirectories(tmp.resolve("files"));
        Files.writeString(files.resolve("notes.txt"), "not a student");
        for (var folder : java.util.List.of(Files.createDirectories(tmp.resolve("empty")), files)) {
            var r = classGrade(folder, tmp.resolve("out"));
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().startsWith("gokata class grade: no submissions in " + folder + ": it holds no folder"
                    + " and no .zip; give the folder that holds every student's checkout"), r.err());
            assertFalse(Files.exists(tmp.resolve("out")), "no empty gradebook and report");
        }
    }

    @Test
    void givenOneStudentsCheckout_whenGradedAsAClass_thenItSaysToGiveTheFolderOfCheckouts() throws IOException {
        var maya = Files.createDirectories(tmp.resolve("maya/exercises/adder")).getParent().getParent();
        Files.createDirectories(maya.resolve("docs"));
        var r = classGrade(maya, tmp.resolve("out"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(maya + " is one student's checkout (it has exercises/), not a class"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")), "its folders were not graded as students");
    }

    @Test
    void givenAnOutputPathThatIsAFile_whenGraded_thenTheErrorSaysItIsInTheWay() throws IOException {
        Files.createDirectories(tmp.resolve("class/maya/exercises/adder"));
        var file = Files.writeString(tmp.resolve("results.txt"), "mine");
        var r = classGrade(tmp.resolve("class"), file);
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().startsWith("gokata class grade: " + file + ": is in the way"), r.err());
        assertEquals("mine", Files.readString(file));
    }
}

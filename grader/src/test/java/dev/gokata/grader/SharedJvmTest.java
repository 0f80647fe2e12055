package dev.gokata.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gokata.grader.catalogue.Kata;
import dev.gokata.grader.report.CourseResult;
import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.TestResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Katas graded in one run share a test JVM, as long as nothing of an earlier kata can run again: Go runs each
 * package's tests in a process of their own, so what one kata left behind never reaches the next.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedJvmTest {
    FakeCourse course;
    Grader grader;

    @BeforeAll
    void buildTheTwoKataCourse(@TempDir Path dir) {
        course = FakeCourse.copyTo(dir, List.of("twokatas"));
        grader = new Grader(course.root(), GradeOptions.defaults().withMemory(96));
    }

    @Test
    void givenAKataThatLeavesATimerFiring_whenGradedBeforeAnother_thenTheOtherRunsInAFreshJvm() {
        var sources = new LinkedHashMap<Kata, Path>();
        sources.put(course.catalogue.get("adder"), FakeCourse.resource("submissions/ticking"));
        sources.put(course.catalogue.get("echo"), course.root().resolve("exercises/echo"));

        CourseResult result = grader.gradeAll(sources, "", r -> { });

        assertEquals(3, result.kata("adder").orElseThrow().tests().size(),
                "adder's tests ran first, and armed the timer");
        KataResult echo = result.kata("echo").orElseThrow();
        TestResult test = echo.tests().getFirst();
        assertEquals("pass", echo.status(), test.message());
        assertFalse(test.output().contains("tick"), test.output());
    }

    @Test
    void givenAGoroutineThatComputesOnInATestsSandbox_whenGraded_thenTheNextTestRunsInAFreshJvm() {
        var result = grader.gradeSources(course.catalogue.get("echo"), FakeCourse.resource("submissions-echo/spinning"),
                "spinning");

        assertEquals(3, result.tests().size(), result.tests().toString());
        for (TestResult t : result.tests()) {
            assertEquals("call 1", t.output().strip(), t.name() + ": a fresh JVM, whose carriers no goroutine of an"
                    + " earlier test's sandbox keeps busy");
        }
    }
}

package dev.gokata.grader;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gokata.grader.catalogue.Kata;
import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.TestResult;
import dev.gokata.grader.run.Toolchain;
import dev.gokata.grader.worker.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grades one fixture submission per outcome (src/test/resources/submissions/<outcome>/) against the fake course's
 * hidden test, checks the verdicts and messages, and compares the stable fields of the result with
 * src/test/resources/expected/<outcome>.json. Run with -Dgokata.golden.update=true to rewrite the expectations
 * (then read the diff).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GradingFixturesTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    Grader grader;
    Kata adder;

    @BeforeAll
    void buildTheFakeCourse(@TempDir Path dir) {
        var course = FakeCourse.copyTo(dir);
        grader = new Grader(course.root, GradeOptions.defaults().withMemory(96));
        adder = course.catalogue.get("adder");
    }

    private KataResult grade(String outcome) {
        var result = grader.gradeSources(adder, FakeCourse.resource("submissions/" + outcome), outcome);
        compareWithGolden(outcome, result);
        return result;
    }

    @Test
    void givenTheReferenceSolution_whenGraded_thenEveryTestPassesWithFullPoints() {
        var r = grade("correct");
        assertEquals("pass", r.status());
        assertEquals(6.0, r.score());
    }

    @Test
    void givenAWrongAnswer_whenGraded_thenTheAssertionMessageIsShown() {
        var r = grade("wrong");
        var t = test(r, "AdderTest.sumsFourNumbers");
        assertEquals(Verdict.FAIL, t.verdict());
        assertTrue(t.message().contains("expected: <10> but was: <6>"), t.message());
    }

    @Test
    void givenACompileError_whenGraded_thenJavacsMessagesWithTheRelativePathAndZeroPoints() {
        var r = grade("compileerror");
        assertEquals("error", r.status());
        assertTrue(r.compileOutput().contains("Adder.java:9: error: ';' expected"), r.compileOutput());
        assertTrue(r.message().contains("gokata grade adder"), r.message());
    }

    @Test
    void givenADeadlock_whenGraded_thenGosDeadlockReportAndDump() {
        var t = test(grade("deadlock"), "AdderTest.sumsFourNumbers");
        assertEquals(Verdict.FAIL, t.verdict());
        assertTrue(t.deadlock()
                .startsWith("fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:"),
                t.deadlock());
        assertTrue(t.deadlock().contains("adder.AdderTest.sumsFourNumbers(...)\n\tAdderTest.java:"), t.deadlock());
        assertTrue(!t.deadlock().contains("org.junit.") && !t.deadlock().contains("dev.gokata.grader."),
                "the dump ends at the test method, as go test's: " + t.deadlock());
    }

    @Test
    void givenALeakedGoroutine_whenGraded_thenTheLeakIsAFailureWithItsTraceback() {
        var t = test(grade("leak"), "AdderTest.sumsFourNumbers");
        assertEquals(Verdict.FAIL, t.verdict());
        assertEquals(1, t.leaks().size());
        assertTrue(t.leaks().getFirst().contains("[chan send]:"), t.leaks().getFirst());
        assertTrue(t.message().startsWith("found 1 leaked goroutine after the test returned"), t.message());
    }

    @Test
    void givenAGoroutineThatComputesOnAfterItsTest_whenGraded_thenTheNextTestRunsInAFreshJvm() {
        var r = grade("spinner");
        for (var t : r.tests()) {
            assertEquals(1, t.leaks().size(), t.name());
            assertEquals("call 1", t.output().strip(), t.name() + ": a fresh JVM, whose carriers no goroutine of an"
                    + " earlier test keeps busy");
        }
    }

    @Test
    void givenAnInfiniteLoop_whenGraded_thenEachTestTimesOutAndTheRestStillRun() {
        var r = grade("infiniteloop");
        for (var t : r.tests()) {
            assertEquals(Verdict.TIMEOUT, t.verdict(), t.name());
            assertTrue(t.message().startsWith("panic: test timed out after 2s"), t.message());
            assertTrue(t.message().contains("goroutine 1 [running]:\nadder.Adder.sum(...)\n\tAdder.java:"),
                    "the dump shows where the loop runs, though the test class has JUnit's own @Timeout: "
                            + t.message());
        }
    }

    @Test
    void givenSystemExit_whenGraded_thenEachTestFailsNamingTheExitStatus() {
        var r = grade("exit");
        for (var t : r.tests()) {
            assertEquals(Verdict.FAIL, t.verdict(), t.name());
            assertTrue(t.message().contains("exit status 3"), t.message());
        }
    }

    @Test
    void givenAnOutputFlood_whenGraded_thenTheTestsPassAndTheOutputIsCapped() {
        var r = grade("flood");
        assertEquals("pass", r.status());
        for (var t : r.tests()) {
            assertTrue(t.output().length() < 70 * 1024, "output of " + t.name() + " is " + t.output().length());
            assertTrue(t.output().contains("[output truncated:"), t.name());
        }
    }

    @Test
    void givenAChangedSignature_whenGraded_thenTheMissingMethodIsNamedInWords() {
        var t = test(grade("signature"), "AdderTest.sumsFourNumbers");
        assertEquals(Verdict.ERROR, t.verdict());
        assertTrue(t.message()
                .startsWith("the test calls Adder.sum(int[]) returning int, which your code no longer has"),
                t.message());
    }

    @Test
    void givenAPanicInAGoroutine_whenGraded_thenGosPanicReport() {
        var t = test(grade("panic"), "AdderTest.sumsFourNumbers");
        assertEquals(Verdict.FAIL, t.verdict());
        assertTrue(t.message().startsWith("panic: send on closed channel\n\ngoroutine 2 [running]:"), t.message());
    }

    @Test
    void givenAMemoryHog_whenGraded_thenTheTestFailsSayingItRanOutOfMemory() {
        var r = grade("memory");
        for (var t : r.tests()) {
            assertEquals(Verdict.FAIL, t.verdict(), t.name());
            assertTrue(t.message().startsWith("the test ran out of memory"), t.message());
        }
    }

    @Test
    void givenADataRace_whenGradedUnderTheDetector_thenTheTestFailsWithGosRaceReport() {
        assumeTrue(Toolchain.current().raceAgent().isPresent(), "the race agent jar is not on the class path yet");
        var r = grader.gradeSources(adder, FakeCourse.resource("submissions/racy"), "racy");
        var t = r.tests().stream().filter(x -> !x.races().isEmpty()).findFirst().orElseThrow();
        assertEquals(Verdict.FAIL, t.verdict(), t.message());
        // The lost update may also show (the sum is then wrong, and that assertion leads the message): the race
        // report must be there either way, as under `go test -race`.
        assertTrue(t.message().contains("race detected during execution of test"), t.message());
        assertTrue(t.races().getFirst().contains("WARNING: DATA RACE"), t.races().toString());
        assertTrue(t.races().getFirst().contains("Adder.java:"), t.races().toString());
    }

    @Test
    void givenTheSameRaceInEveryTest_whenGradedUnderTheDetector_thenOneTestShowsItsReportAndTheOthersNameThat() {
        assumeTrue(Toolchain.current().raceAgent().isPresent(), "the race agent jar is not on the class path yet");
        var r = grader.gradeSources(adder, FakeCourse.resource("submissions/racy"), "racy");
        var reported = r.tests().stream().filter(t -> !t.races().isEmpty()).toList();
        assertEquals(1, reported.size(), "one test shows the race's full report: " + r.tests());
        for (var t : r.tests()) {
            assertEquals(Verdict.FAIL, t.verdict(), t.message());
            if (t != reported.getFirst()) {
                assertTrue(t.message().contains("race detected during execution of test"), t.message());
                assertTrue(t.message().contains("WARNING: DATA RACE, the same as in " + reported.getFirst().name()
                        + " (its report shows both stacks): "), t.message());
            }
        }
    }

    private static TestResult test(KataResult r, String name) {
        return r.tests().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no test " + name + " in " + r.tests()));
    }

    /** The fields that do not depend on timing, paths or the machine. */
    private static Map<String, Object> stable(KataResult r) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", r.id());
        m.put("status", r.status());
        m.put("score", r.score());
        m.put("max_score", r.maxScore());
        m.put("tests", r.tests().stream().map(t -> {
            var tm = new LinkedHashMap<String, Object>();
            tm.put("name", t.name());
            tm.put("status", t.status());
            tm.put("verdict", t.verdict().json());
            tm.put("score", t.score());
            tm.put("max_score", t.maxScore());
            tm.put("tags", t.tags());
            tm.put("leaks", t.leaks().size());
            tm.put("deadlock", t.deadlock() != null);
            tm.put("message", t.message() == null ? null : t.message().lines().findFirst().orElse(""));
            return tm;
        }).toList());
        return m;
    }

    private static void compareWithGolden(String outcome, KataResult r) {
        try {
            Path golden = Path.of("src/test/resources/expected", outcome + ".json");
            String actual = JSON.writeValueAsString(stable(r)) + "\n";
            if (Boolean.getBoolean("gokata.golden.update")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual);
                return;
            }
            String expected = Files.readString(FakeCourse.resource("expected/" + outcome + ".json"));
            assertAll(() -> assertEquals(JSON.readTree(expected), JSON.readTree(actual),
                    "results of " + outcome + " differ from expected/" + outcome + ".json:\n" + actual));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unused")
    private static List<String> names(KataResult r) {
        return r.tests().stream().map(TestResult::name).toList();
    }
}

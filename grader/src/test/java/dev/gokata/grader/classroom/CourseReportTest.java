package dev.gokata.grader.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.grader.report.CourseResult;
import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.ResultsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseReportTest {

    @TempDir
    Path out;

    @Test
    void givenAHandMadeClass_whenStatisticsAreComputed_thenEveryFigureIsRight() {
        var stats = ClassStats.of(SampleClass.COURSE, SampleClass.students());

        assertEquals(5, stats.submissions());
        assertEquals(15, stats.maxScore());
        // alice 15, bob 12, carol 10, dave 0, erin 7 (counter 2 + pipeline 5)
        assertEquals((15 + 12 + 10 + 0 + 7) / 5.0, stats.meanScore(), 1e-9);
        assertEquals(10, stats.medianScore());
        assertEquals(List.of(1, 0, 0, 0, 1, 0, 1, 0, 1, 1), stats.distribution());
        assertEquals(4, stats.runs().get(CourseResult.Run.GRADED));
        assertEquals(1, stats.runs().get(CourseResult.Run.TIMED_OUT));

        var counter = stats.katas().get(0);
        assertEquals("counter", counter.kata());
        assertEquals("A concurrency-safe counter", counter.title());
        assertEquals(5, counter.graded());
        assertEquals(2, counter.passed());
        assertEquals(0.4, counter.passRate(), 1e-9);
        assertEquals(List.of(new Tally("concurrentIncrements", 2)), counter.failedTests());
        assertEquals(FailureKind.DATA_RACE, counter.dominant().orElseThrow());
        assertEquals(List.of(new KataStats.KindCount(FailureKind.DATA_RACE, 2),
                new KataStats.KindCount(FailureKind.COMPILE_ERROR, 1)), counter.kinds());
        assertEquals(List.of(new Tally("Counter.java:14", 2)), counter.linesOf(FailureKind.DATA_RACE));
        assertEquals(List.of(new Tally("Counter.java:9", 1)), counter.linesOf(FailureKind.COMPILE_ERROR));

        var pipeline = stats.katas().get(1);
        assertEquals(2, pipeline.passed());
        assertEquals(List.of(new KataStats.KindCount(FailureKind.DEADLOCK, 1),
                new KataStats.KindCount(FailureKind.TIMEOUT, 1),
                new KataStats.KindCount(FailureKind.WRONG_RESULT, 1)), pipeline.kinds());
        assertEquals(List.of(new Tally("Pipeline.java:21", 1)), pipeline.linesOf(FailureKind.DEADLOCK));
        assertEquals(List.of(new Tally("closesOutput", 1), new Tally("stagesInOrder", 1)), pipeline.failedTests());
    }

    @Test
    void givenAHandMadeClass_whenTheGradebookIsWritten_thenEachCellHoldsThePoints() throws Exception {
        var csv = out.resolve("gradebook.csv");
        Gradebook.write(SampleClass.COURSE, SampleClass.students(), csv);

        assertEquals(List.of(
                "student,submission,run,counter,pipeline,total,max",
                "alice,alice,graded,5,10,15,15",
                "bob,bob,graded,2,10,12,15",
                "carol,carol,graded,5,5,10,15",
                "dave,dave,timed_out,0,0,0,15",
                "erin<b>,erin<b>,graded,2,5,7,15"), Files.readAllLines(csv));
    }

    @Test
    void givenAClassWithNoResults_whenTheGradebookIsWritten_thenItHasItsHeaderRowWithEveryKataOfTheCourse()
            throws Exception {
        var csv = out.resolve("gradebook.csv");
        Gradebook.write(SampleClass.COURSE, List.of(), csv);

        assertEquals(List.of("student,submission,run,counter,pipeline,total,max"), Files.readAllLines(csv));
    }

    @Test
    void givenAClassWithNoResults_whenTheReportIsWritten_thenItHasASectionAndAColumnPerKataOfTheCourse()
            throws Exception {
        var index = Files.readString(new CourseReport().write(SampleClass.COURSE, List.of(), out));
        assertTrue(index.contains("<section class=\"kata\" id=\"kata-counter\">"), index);
        assertTrue(index.contains("<th>counter</th><th>pipeline</th>"), index);
        var katas = FakeClass.json(out.resolve("report/report.json")).get("stats").get("katas");
        assertEquals(2, katas.size(), katas.toString());
        assertEquals("pipeline", katas.get(1).get("kata").asText());
        assertEquals(0, katas.get(1).get("graded").asInt());
        assertEquals(10, katas.get(1).get("maxScore").asDouble(), "the points the course gives the kata");
    }

    @Test
    void givenAStudentNamedLikeAFormula_whenTheGradebookIsWritten_thenTheCellIsDefusedAndQuoted() throws Exception {
        var csv = out.resolve("gradebook.csv");
        var student = SampleClass.student("=HYPERLINK(\"x\",\"y\")", CourseResult.Run.GRADED, "", 1,
                List.of(SampleClass.counterPassed()));
        Gradebook.write(SampleClass.COURSE, List.of(student), csv);

        var defused = "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"";
        assertEquals(defused + "," + defused + ",graded,5,,5,5", Files.readAllLines(csv).get(1));
    }

    @Test
    void givenResults_whenWrittenAndReadBack_thenTheyAreEqualAndCarryGradescopeAndExercismFields() throws Exception {
        var store = new ResultsStore(out.resolve("results"));
        for (var student : SampleClass.students()) {
            store.write(student);
        }
        var bad = new ArrayList<Path>();
        var read = store.readAll(bad);

        assertEquals(SampleClass.students().stream()
                .sorted(java.util.Comparator.comparing(CourseResult::student)).toList(), read);
        assertTrue(bad.isEmpty());
        var bob = FakeClass.json(store.file("bob"));
        assertEquals(12.0, bob.get("score").asDouble());
        assertEquals(15.0, bob.get("max_score").asDouble());
        var counter = bob.get("katas").get(0);
        assertEquals("fail", counter.get("status").asText());
        assertEquals("concurrentIncrements", counter.get("tests").get(1).get("name").asText());
        assertEquals(3.0, counter.get("tests").get(1).get("max_score").asDouble());
        assertEquals("counter", counter.get("id").asText());
        assertEquals(3, bob.get("version").asInt());
        assertEquals("fail", bob.get("status").asText());
        assertTrue(counter.get("tests").get(1).get("races").get(0).asText().contains("WARNING: DATA RACE"));
        assertTrue(Files.exists(store.file("erin<b>")));
        assertEquals("erin_b_.json", store.file("erin<b>").getFileName().toString());
    }

    @Test
    void givenAResultsFileOfAnOlderBatch_whenRead_thenEveryFieldReadsAndTheMissingOnesTakeTheirDefaults()
            throws Exception {
        var file = out.resolve("results/old.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"student": "old", "note": "", "seconds": 2.5, "score": 3.0, "max_score": 5.0, "status": "fail",
                 "someday": "a field of a newer gokata",
                 "katas": [{"kata": "counter", "status": "fail", "score": 3.0, "max_score": 5.0,
                            "files": ["Counter.java"],
                            "tests": [{"name": "sequentialIncrements", "status": "pass",\
                 "score": 3.0, "max_score": 3.0},
                                      {"name": "concurrentIncrements", "status": "fail", "score": 0.0, "max_score": 2.0,
                                       "message": "race detected during execution of test",\
                 "races": ["Counter.java:14"]}]},
                           {"id": "pipeline", "message": "missing: the submission has no exercises/pipeline/*.java"}]}
                """);

        var read = ResultsStore.read(file).orElseThrow();

        assertEquals(CourseResult.Run.CRASHED, read.run(), "a file that does not say how its run ended");
        assertEquals(3.0, read.score());
        var counter = read.kata("counter").orElseThrow();
        assertEquals("counter", counter.title());
        assertEquals(List.of("Counter.java"), counter.files());
        assertTrue(counter.tests().getFirst().passed());
        assertFalse(counter.tests().get(1).passed());
        assertEquals(List.of(), counter.tests().getFirst().tags());
        var pipeline = read.kata("pipeline").orElseThrow();
        assertEquals(KataResult.ERROR, pipeline.status());
        assertEquals(List.of(), pipeline.tests());
        assertEquals(Map.of(FailureKind.DATA_RACE, Set.of(new CodeLine("Counter.java", 14))), Diagnosis.of(counter));
        assertEquals(FailureKind.MISSING, Diagnosis.of(pipeline).keySet().iterator().next());
    }

    @Test
    void givenTheGradeCommandsResults_whenWritten_thenTheyCarryNoneOfTheBatchsFields() {
        var json = ResultsJson.toJson(CourseResult.of(List.of(SampleClass.counterRacy().withFiles(List.of())), 1200));

        for (var field : List.of("student", "run", "note", "seconds", "files")) {
            assertFalse(json.contains("\"" + field + "\""), field + " in " + json);
        }
        assertTrue(json.contains("\"output\" : \"counter: 2 of 5 points\""), json);
    }

    @Test
    void givenAHandMadeClass_whenTheReportIsWritten_thenItHasTheOverviewChartsAndAPagePerStudent() throws Exception {
        var index = new CourseReport().write(SampleClass.COURSE, SampleClass.students(), out);

        var html = Files.readString(index);
        assertTrue(html.contains("<td class=\"num\">5</td>"), "submissions");
        assertTrue(html.contains("<td class=\"num\">8.8 (59%)</td>"), "mean");
        assertTrue(html.contains("<td class=\"num\">10 (67%)</td>"), "median");
        assertEquals(3, html.split("<svg ", -1).length - 1, "three charts");
        assertTrue(html.contains("Counter.java:14 (2)"), "race lines");
        assertTrue(html.contains("Pipeline.java:21 (1)"), "deadlock lines");
        assertTrue(html.contains("erin&lt;b&gt;"), "names are escaped");
        assertFalse(html.contains("erin<b>"), "names are escaped");
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "no network");

        var bob = Files.readString(out.resolve("report/students/bob.html"));
        assertTrue(bob.contains("WARNING: DATA RACE"));
        var carol = Files.readString(out.resolve("report/students/carol.html"));
        assertTrue(carol.contains("fatal error: all goroutines are asleep - deadlock!"));
        var dave = Files.readString(out.resolve("report/students/dave.html"));
        assertTrue(dave.contains("timed out") && dave.contains("killed after 2m"));
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
    void givenAStudentPageWithARaceAndADeadlock_whenOpenedInHeadlessChromium_thenItRendersWithoutConsoleErrors()
            throws Exception {
        var browser = Chromium.findOrInstall();
        org.junit.jupiter.api.Assumptions.assumeTrue(browser.isPresent(),
                "chromium not found on the PATH and could not be installed (apt-get install -y chromium as root): "
                        + "the report's browser check is skipped");
        var racy = SampleClass.student("frank", CourseResult.Run.GRADED, "", 3,
                List.of(SampleClass.counterRacy(), SampleClass.pipelineDeadlocked()));
        new CourseReport().write(SampleClass.COURSE, List.of(racy), out);
        var screenshot = Path.of("target", "class-student.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);

        var run = Chromium.run(browser.get(), out.resolve("profile"), out.resolve("report/students/frank.html"),
                "--screenshot=" + screenshot, "--window-size=1100,1800", "--hide-scrollbars");

        assertTrue(Files.size(screenshot) > 10_000, run.stderr());
        var errors = run.stderr().lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")
                || l.contains("net::ERR_")).toList();
        assertTrue(errors.isEmpty(), "console errors: " + errors);
    }

    @Test
    void givenAHandMadeClass_whenFeedbackIsWritten_thenEachPageShowsOnlyItsStudent() throws Exception {
        new CourseReport().write(SampleClass.COURSE, SampleClass.students(), out);

        var names = List.of("alice", "bob", "carol", "dave", "erin");
        for (var name : names) {
            var file = out.resolve("feedback")
                    .resolve(ResultsStore.fileName(name.equals("erin") ? "erin<b>" : name) + ".html");
            var page = Files.readString(file);
            assertTrue(page.contains(name), name);
            for (var other : names) {
                if (!other.equals(name)) {
                    assertFalse(page.contains(other), other + " on " + name + "'s feedback");
                }
            }
            assertFalse(page.contains("href=\"../"), "no link out of the page");
        }
    }
}

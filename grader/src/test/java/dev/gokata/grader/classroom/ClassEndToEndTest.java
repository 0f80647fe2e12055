package dev.gokata.grader.classroom;

import static dev.gokata.grader.FakeCourse.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gokata.grader.FakeCourse;
import dev.gokata.grader.compile.CompileResult;
import dev.gokata.grader.compile.KataCompiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A generated class graded end to end through {@code gokata class grade}: reference solutions, the starter, a
 * wrong-solution fixture and broken submissions (compile error, deadlock, infinite loop, System.exit, output flood,
 * changed signature, missing kata, oversized file, zipped checkout), against the grader tests' one-kata course plus
 * a private test set. Checks the CSV and JSON value by value, then opens the report in headless Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ClassEndToEndTest {

    /** Each student: the points the generated submission must earn out of 8 (6 hidden + 2 private), and its run. */
    private static final Map<String, Integer> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("s-ref-1", 8);
        EXPECTED.put("s-ref-2", 8);
        EXPECTED.put("s-ref-zipped", 8);
        EXPECTED.put("s-starter", 2);
        EXPECTED.put("s-halfonly", 2);
        EXPECTED.put("s-compileerror", 0);
        EXPECTED.put("s-deadlock", 0);
        EXPECTED.put("s-infiniteloop", 0);
        EXPECTED.put("s-exit", 0);
        EXPECTED.put("s-flood", 8);
        EXPECTED.put("s-signature", 0);
        EXPECTED.put("s-missing", 0);
        EXPECTED.put("s-huge", 0);
    }

    Path course;
    Path submissions;
    Path out;
    String stdout;
    String stderr;
    int exitCode;
    long elapsedMillis;

    @BeforeAll
    void gradeAGeneratedClass(@TempDir Path tmp) throws Exception {
        var fake = FakeCourse.copyTo(tmp.resolve("course"));
        course = fake.root();
        var privateTests = privateTestJar(tmp, fake.testClasspath());

        submissions = Files.createDirectories(tmp.resolve("submissions"));
        var reference = course.resolve("solutions/src/main/java/adder/Adder.java");
        student("s-ref-1", reference);
        // a copy of the kata's given file, changed, is left out: the course's is compiled, and the student told
        var ref2 = student("s-ref-2", reference);
        Files.writeString(ref2.resolveSibling("Numbers.java"), Files.readString(
                course.resolve("solutions/src/given/java/adder/Numbers.java")).replace("return s;", "return 0;"));
        student("s-starter", course.resolve("exercises/adder/Adder.java"));
        student("s-halfonly", course.resolve("solutions/fixtures/adder/halfonly/Adder.java"));
        for (var broken : List.of("compileerror", "deadlock", "infiniteloop", "exit", "signature")) {
            student("s-" + broken, resource("submissions/" + broken + "/Adder.java"));
        }
        // right answers after 1.5 MB of output: capped in the results, never a stalled pipe (smaller than the grader's
        // own flood fixture, so that it stays well inside the 2s test time limit on a loaded machine)
        var flood = student("s-flood", reference);
        Files.writeString(flood, Files.readString(flood).replace("        Chan<Integer> partial = Chan.make();",
                "        for (int i = 0; i < 50_000; i++) {\n"
                        + "            System.out.println(\"debug: still adding, line \" + i);\n        }\n"
                        + "        Chan<Integer> partial = Chan.make();"));
        Files.createDirectories(submissions.resolve("s-missing/exercises/other"));
        var huge = student("s-huge", reference);
        Files.writeString(huge, "\n// " + "x".repeat(600 * 1024) + "\n", java.nio.file.StandardOpenOption.APPEND);
        var zipped = tmp.resolve("zipped");
        Files.createDirectories(zipped.resolve("exercises/adder"));
        Files.copy(reference, zipped.resolve("exercises/adder/Adder.java"));
        FakeClass.zip(zipped, submissions.resolve("s-ref-zipped.zip"), "ref-zipped-main");

        out = tmp.resolve("out");
        var o = new StringWriter();
        var e = new StringWriter();
        var cmd = new CommandLine(new ClassCommand()).setOut(new PrintWriter(o)).setErr(new PrintWriter(e));
        long start = System.nanoTime();
        exitCode = cmd.execute("grade", submissions.toString(), "--course", course.toString(), "-o", out.toString(),
                "--jobs", "2", "--time-limit", "2m", "--memory", "96", "--extra-tests", privateTests.toString(),
                "--title", "Generated class");
        elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        stdout = o.toString();
        stderr = e.toString();
    }

    @Test
    void givenAGeneratedClass_whenGraded_thenTheCommandSucceedsAndSaysWhereTheOutputsAre() {
        assertEquals(0, exitCode, stderr);
        assertTrue(stdout.contains("graded 13 submissions"), stdout);
        assertTrue(stderr.contains("13/13 100%"), stderr);
        System.out.printf("class end-to-end: 13 submissions in %.1f s (%.1f per minute) with 2 jobs%n",
                elapsedMillis / 1000.0, 13 * 60_000.0 / elapsedMillis);
    }

    @Test
    void givenAGeneratedClass_whenGraded_thenEachStudentsJsonHoldsTheirVerdicts() throws IOException {
        for (var entry : EXPECTED.entrySet()) {
            var json = json(entry.getKey());
            assertEquals(entry.getKey(), json.get("student").asText());
            assertEquals((double) entry.getValue(), json.get("score").asDouble(), entry.getKey());
            assertEquals(8.0, json.get("max_score").asDouble(), entry.getKey());
            assertEquals(3, json.get("version").asInt());
            assertEquals("GRADED", json.get("run").asText(), entry.getKey());
            assertEquals("adder", json.get("katas").get(0).get("id").asText());
        }
        assertEquals("pass", json("s-ref-1").get("status").asText());
        assertEquals("s-ref-zipped.zip", json("s-ref-zipped").get("submission").asText());
        var ref = json("s-ref-1").get("katas").get(0);
        assertEquals(4, ref.get("tests").size(), "three hidden tests and the private one");
        assertEquals("AdderPrivateTest.sumsNegativeNumbers", ref.get("tests").get(3).get("name").asText());
        assertEquals("Adder.java", ref.get("files").get(0).asText());
        assertEquals("exercises/adder/Numbers.java was left out: the kata gives Numbers.java"
                + " (solutions/src/given/java/adder/), and the tests ran with that one. Make your changes in the files"
                + " of your folder.", kata("s-ref-2").get("notes").get(0).asText());
        assertTrue(Files.readString(out.resolve("feedback/s-ref-2.html")).contains("was left out: the kata gives"));

        assertEquals("error", kata("s-compileerror").get("status").asText());
        assertTrue(kata("s-compileerror").get("compile_output").asText().contains("Adder.java:9: error"));
        assertTrue(kata("s-deadlock").get("tests").get(0).get("deadlock").asText()
                .startsWith("fatal error: all goroutines are asleep - deadlock!"));
        assertEquals("timeout", kata("s-infiniteloop").get("tests").get(0).get("verdict").asText());
        assertTrue(kata("s-missing").get("message").asText().startsWith("missing"));
        assertTrue(kata("s-huge").get("message").asText().contains("over the 512 KiB"));
        assertTrue(kata("s-signature").get("tests").get(0).get("message").asText().contains("no longer has"));
        assertTrue(kata("s-flood").get("tests").get(0).get("output").asText().contains("[output truncated"));
    }

    @Test
    void givenAGeneratedClass_whenGraded_thenTheGradebookHasARowPerStudentWithTheirPoints() throws IOException {
        var lines = Files.readAllLines(out.resolve("gradebook.csv"));
        assertEquals("student,submission,run,adder,total,max", lines.getFirst());
        assertEquals(EXPECTED.size() + 1, lines.size());
        var rows = new LinkedHashMap<String, String>();
        lines.stream().skip(1).forEach(l -> rows.put(l.substring(0, l.indexOf(',')), l));
        for (var entry : EXPECTED.entrySet()) {
            var points = entry.getValue();
            var submission = entry.getKey() + (entry.getKey().endsWith("zipped") ? ".zip" : "");
            assertEquals(entry.getKey() + "," + submission + ",graded," + points + "," + points + ",8",
                    rows.get(entry.getKey()));
        }
    }

    @Test
    void givenAGeneratedClass_whenGraded_thenTheReportsFiguresAreAlsoJson() throws IOException {
        var report = FakeClass.json(out.resolve("report/report.json"));
        assertEquals(1, report.get("version").asInt());
        assertEquals("Generated class", report.get("course").asText());
        var stats = report.get("stats");
        assertEquals(EXPECTED.size(), stats.get("submissions").asInt());
        var adder = stats.get("katas").get(0);
        assertEquals("adder", adder.get("kata").asText());
        assertEquals(EXPECTED.size(), adder.get("graded").asInt());
        long passed = EXPECTED.values().stream().filter(points -> points == 8).count();
        assertEquals(passed, adder.get("passed").asInt());
        assertEquals((double) passed / EXPECTED.size(), adder.get("passRate").asDouble(), 1e-9);
        assertTrue(adder.get("kinds").size() > 0, adder.toString());
        var students = report.get("students");
        assertEquals(EXPECTED.size(), students.size());
        for (var student : students) {
            var name = student.get("student").asText();
            assertEquals(EXPECTED.get(name).doubleValue(), student.get("score").asDouble(), 1e-9, name);
            assertEquals(EXPECTED.get(name).doubleValue(), student.get("katas").get("adder").get("score").asDouble(),
                    1e-9, name);
        }
    }

    @Test
    void givenResultsOfAStudentWhoseSubmissionIsGone_whenTheClassIsGradedAgain_thenTheyAreLeftOutAndNamed(
            @TempDir Path tmp) throws IOException {
        var again = tmp.resolve("out");
        var store = new ResultsStore(again.resolve("results"));
        for (var result : new ResultsStore(out.resolve("results")).readAll(new ArrayList<>())) {
            store.write(result); // written now: newer than every submission, so nobody is graded again
        }
        var left = ResultsStore.read(out.resolve("results/s-ref-1.json")).orElseThrow();
        store.write(left.ofStudent("s-left", "s-left", left.run(), "", left.seconds()));

        var o = new StringWriter();
        var e = new StringWriter();
        int exit = new CommandLine(new ClassCommand()).setOut(new PrintWriter(o)).setErr(new PrintWriter(e))
                .execute("grade", submissions.toString(), "--course", course.toString(), "-o", again.toString(),
                        "--no-sandbox", "--title", "Generated class");

        assertEquals(0, exit, e.toString());
        assertTrue(o.toString().contains("graded 0 submissions"), o.toString());
        assertTrue(e.toString().contains("gokata: left out of the gradebook and report: s-left. "), e.toString());
        var gradebook = Files.readString(again.resolve("gradebook.csv"));
        assertFalse(gradebook.contains("s-left"), gradebook);
        assertTrue(gradebook.contains("s-ref-1,graded"), gradebook);
        assertTrue(Files.isRegularFile(again.resolve("results/s-left.json")), "its results stay where they were");
    }

    @Test
    void givenAGeneratedClass_whenGraded_thenTheReportNamesWhatDominatesTheKata() throws IOException {
        var stats = ClassStats.of(Course.fromResults("x"),
                new ResultsStore(out.resolve("results")).readAll(new ArrayList<>()));
        var adder = stats.katas().getFirst();
        assertEquals(EXPECTED.size(), adder.graded());
        assertEquals(4, adder.passed());
        var kinds = new LinkedHashMap<FailureKind, Integer>();
        adder.kinds().forEach(k -> kinds.put(k.kind(), k.students()));
        assertEquals(3, kinds.get(FailureKind.COMPILE_ERROR),
                "compile error, changed signature, oversized file: " + kinds);
        assertEquals(1, kinds.get(FailureKind.MISSING));
        assertEquals(Set.of(), kindsOf("s-ref-1"));
        assertEquals(Set.of(FailureKind.COMPILE_ERROR), kindsOf("s-compileerror"));
        assertEquals(Set.of(FailureKind.COMPILE_ERROR), kindsOf("s-signature"));
        assertEquals(Set.of(FailureKind.COMPILE_ERROR), kindsOf("s-huge"));
        assertEquals(Set.of(FailureKind.MISSING), kindsOf("s-missing"));
        assertTrue(kindsOf("s-deadlock").contains(FailureKind.DEADLOCK), kindsOf("s-deadlock").toString());
        assertTrue(kindsOf("s-infiniteloop").contains(FailureKind.TIMEOUT), kindsOf("s-infiniteloop").toString());
        assertTrue(kindsOf("s-exit").contains(FailureKind.CUT_SHORT), kindsOf("s-exit").toString());
        assertEquals(Set.of(FailureKind.WRONG_RESULT), kindsOf("s-starter"));
        assertEquals(List.of(new Tally("Adder.java:9", 1)), adder.linesOf(FailureKind.COMPILE_ERROR));

        var index = Files.readString(out.resolve("report/index.html"));
        assertTrue(index.contains("Generated class: course report"));
        assertTrue(index.contains("Sum two halves in goroutines"));
        for (var student : EXPECTED.keySet()) {
            assertTrue(Files.exists(out.resolve("report/students/" + student + ".html")), student);
            var feedback = Files.readString(out.resolve("feedback/" + student + ".html"));
            for (var other : EXPECTED.keySet()) {
                if (!other.equals(student) && !student.startsWith(other) && !other.startsWith(student)) {
                    assertFalse(feedback.contains(other), other + " on " + student + "'s feedback");
                }
            }
        }
    }

    @Test
    void givenTheReport_whenOpenedInHeadlessChromium_thenItRendersWithoutConsoleErrors() throws Exception {
        var browser = Chromium.findOrInstall();
        Assumptions.assumeTrue(browser.isPresent(),
                "chromium not found on the PATH and could not be installed (apt-get install -y chromium as root): "
                        + "the report's browser check is skipped");
        var profile = Files.createTempDirectory("gokata-chromium-");
        try {
            var index = out.resolve("report/index.html");
            var screenshot = Path.of("target", "class-report.png").toAbsolutePath();
            Files.deleteIfExists(screenshot);
            var shot = Chromium.run(browser.get(), profile.resolve("a"), index,
                    "--screenshot=" + screenshot, "--window-size=1280,2200", "--hide-scrollbars");
            assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the report: " + shot.stderr());
            assertNoConsoleErrors(shot.stderr());

            var dom = Chromium.run(browser.get(), profile.resolve("b"), index, "--dump-dom");
            assertTrue(dom.stdout().contains("Generated class: course report"), dom.stdout());
            assertEquals(3, dom.stdout().split("<svg ", -1).length - 1, "three inline SVG charts");
            assertNoConsoleErrors(dom.stderr());

            var feedback = out.resolve("feedback/s-starter.html");
            var feedbackShot = Path.of("target", "class-feedback.png").toAbsolutePath();
            var page = Chromium.run(browser.get(), profile.resolve("c"), feedback,
                    "--screenshot=" + feedbackShot, "--window-size=1100,1600", "--hide-scrollbars");
            assertTrue(Files.size(feedbackShot) > 10_000);
            assertNoConsoleErrors(page.stderr());
        } finally {
            dev.gokata.grader.sandbox.FileTrees.delete(profile);
        }
    }

    private static void assertNoConsoleErrors(String log) {
        var errors = log.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")
                || l.contains("Failed to load resource") || l.contains("net::ERR_")).toList();
        assertTrue(errors.isEmpty(), "console errors: " + errors);
    }

    private Set<FailureKind> kindsOf(String student) throws IOException {
        var result = ResultsStore.read(out.resolve("results/" + student + ".json")).orElseThrow();
        return Diagnosis.of(result.katas().getFirst()).keySet();
    }

    private JsonNode json(String student) throws IOException {
        return FakeClass.json(out.resolve("results/" + student + ".json"));
    }

    private JsonNode kata(String student) throws IOException {
        return json(student).get("katas").get(0);
    }

    private Path student(String name, Path source) throws IOException {
        var dir = Files.createDirectories(submissions.resolve(name).resolve("exercises/adder"));
        return Files.copy(source, dir.resolve("Adder.java"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A private test set as a jar: one more test class for adder, worth 2 points by its gokata-extra.yaml. */
    private static Path privateTestJar(Path tmp, List<Path> classpath) throws IOException {
        var src = Files.createDirectories(tmp.resolve("private-src/adder"));
        Files.writeString(src.resolve("AdderPrivateTest.java"), """
                package adder;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class AdderPrivateTest {
                    @Test
                    void sumsNegativeNumbers() {
                        assertEquals(-6, Adder.sum(new int[] {-1, -2, -3}));
                    }
                }
                """);
        var classes = tmp.resolve("private-classes");
        compile(classpath, List.of(src.getParent()), classes);
        Files.writeString(classes.resolve(HiddenTests.EXTRA_FILE), """
                katas:
                  - id: adder
                    tests:
                      - class: AdderPrivateTest
                        points: 2
                """);
        var jar = tmp.resolve("private-tests.jar");
        try (var zip = new ZipOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(classes)) {
            for (var file : walk.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static void compile(List<Path> classpath, List<Path> sources, Path into) {
        var result = new KataCompiler(classpath, Path::toString).compile(sources, into);
        assertTrue(result instanceof CompileResult.Compiled, "the generated course compiles: " + result);
    }


}

package dev.gokata.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.grader.report.ResultsJson;
import dev.gokata.grader.sandbox.FileTrees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The picocli commands, run with {@code setOut}/{@code setErr} and {@code execute} on a copy of the fake course. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GokataCommandsTest {
    @TempDir
    Path dir;
    FakeCourse course;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void copyTheFakeCourse() {
        course = FakeCourse.copyTo(dir);
    }

    private Run gokata(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cl = Gokata.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        var all = new ArrayList<>(List.of(args));
        if (args.length > 0 && !args[0].startsWith("-") && !args[0].equals("help")) {
            all.add("--root");
            all.add(dir.toString());
        }
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void givenAFreshCourse_whenListed_thenKatasInOrderWithStatusAndProgress() {
        var r = gokata("list");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("1  adder  not started      0/6  Sum two halves in goroutines  <- next"), r.out());
        assertTrue(r.out().contains("2  later  coming soon"), r.out());
        assertTrue(r.out().contains("Progress [------------------------------] 0/1 katas passed, 0 of 6 points"),
                r.out());
    }

    @Test
    void givenTheStarter_whenGraded_thenExit1VerdictsJsonAndStateRecorded() throws IOException {
        Path json = dir.resolve("out/results.json");
        var r = gokata("grade", "adder", "--json", json.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("FAIL    AdderTest.sumsFourNumbers"), r.out());
        assertTrue(r.out().contains("expected: <10> but was: <0>"), r.out());
        assertTrue(r.out().contains("adder: 2 of 6 points"), r.out());
        var result = ResultsJson.read(json);
        assertEquals(3, result.version());
        assertEquals("fail", result.status());
        assertEquals(2.0, result.score());
        assertEquals(6.0, result.maxScore());
        assertTrue(Files.readString(dir.resolve(".gokata/state.json")).contains("\"status\" : \"failing\""));
        assertTrue(gokata("list").out().contains("[!]   1  adder  failing"));
    }

    @Test
    void givenACorrectSolution_whenGraded_thenExit0AndTheSolutionOpens() throws IOException {
        assertEquals(1, gokata("solution", "adder").exit(), "the solution stays closed before the kata passes");
        Files.copy(dir.resolve("solutions/src/main/java/adder/Adder.java"), dir.resolve("exercises/adder/Adder.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        var r = gokata("grade");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("adder: 6 of 6 points"), r.out());
        var s = gokata("solution", "adder");
        assertEquals(0, s.exit(), s.err());
        assertTrue(s.out().contains("==> solutions/src/main/java/adder/Adder.java <=="), s.out());
    }

    @Test
    void givenAGradedKata_whenItsCodeChanges_thenListMarksItEditedUntilItIsGradedAgain() throws IOException {
        Path file = dir.resolve("exercises/adder/Adder.java");
        String graded = Files.readString(file);
        assertEquals(1, gokata("grade", "adder").exit());
        assertFalse(gokata("list").out().contains("edited"), "just graded");

        Files.writeString(file, graded + "// trying something\n");
        var edited = gokata("list").out();
        assertTrue(edited.contains("[!]   1  adder  failing          2/6  Sum two halves in goroutines"
                + "  (edited since graded)"), edited);
        assertTrue(edited.contains("Edited since graded: adder; their status is that of the code graded before."
                + " Grade again: gokata grade adder"), edited);

        Files.writeString(file, graded);
        assertFalse(gokata("list").out().contains("edited"), "the same code as graded, saved again");

        Files.writeString(file, graded + "// trying something\n");
        assertEquals(1, gokata("grade", "adder").exit());
        assertFalse(gokata("list").out().contains("edited"), "graded again");
    }

    @Test
    void givenACopyOfAGivenFile_whenGradedAndRun_thenTheGivenOneIsCompiledAndANoteSaysSo() throws IOException {
        Files.copy(dir.resolve("solutions/src/main/java/adder/Adder.java"), dir.resolve("exercises/adder/Adder.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path copy = dir.resolve("exercises/adder/Numbers.java");
        Files.writeString(copy, Files.readString(dir.resolve("solutions/src/given/java/adder/Numbers.java"))
                .replace("return s;", "return 0;"));
        Path json = dir.resolve("out/results.json");
        var r = gokata("grade", "adder", "--json", json.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("adder: 6 of 6 points"), r.out());
        String note = "note: exercises/adder/Numbers.java was left out: the kata gives Numbers.java"
                + " (solutions/src/given/java/adder/), and the tests ran with that one.";
        assertTrue(r.out().contains(note), r.out());
        assertEquals(1, ResultsJson.read(json).katas().getFirst().notes().size());
        assertTrue(Files.readString(copy).contains("return 0;"), "the student's file stays as they left it");
        var run = gokata("run", "adder");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains(note), run.err());
    }

    @Test
    void givenNoKata_whenRun_thenTheCurrentKataRunsAndItSaysWhich() {
        var r = gokata("run");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.err().startsWith("Running adder, the current kata (run another: gokata run KATA)\n"), r.err());

        var named = gokata("run", "adder");
        assertEquals(0, named.exit(), named.err());
        assertFalse(named.err().contains("the current kata"), "a kata named is not announced: " + named.err());
    }

    @Test
    void givenAProgramRunning_whenAnEditThatFailsIsRunMeanwhile_thenTheFirstStillLoadsItsClassesAndNoBuildStays()
            throws Exception {
        Files.writeString(dir.resolve("exercises/adder/Adder.java"), """
                package adder;

                import java.nio.file.Files;
                import java.nio.file.Path;

                /** Waits, when told to, for the file "go" before it loads a class it has not used yet. */
                public final class Adder {
                    public static int sum(int[] xs) {
                        return 0;
                    }

                    public static void main(String[] args) throws Exception {
                        if (args.length > 0) {
                            Files.writeString(Path.of("started"), "");
                            while (!Files.exists(Path.of("go"))) {
                                Thread.sleep(10);
                            }
                        }
                        System.out.println(Later.value());
                    }
                }

                final class Later {
                    static int value() {
                        return 1;
                    }
                }
                """);
        var first = CompletableFuture.supplyAsync(() -> gokata("run", "adder", "wait"));
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(dir.resolve("started")) || first.isDone());
        Path file = dir.resolve("exercises/adder/Adder.java");
        Files.writeString(file, Files.readString(file).replace("return 1;", "return 1"));
        var second = gokata("run", "adder");
        assertEquals(1, second.exit(), second.err());
        assertTrue(second.err().contains("adder does not compile"), second.err());
        Files.writeString(dir.resolve("go"), "");
        var r = first.get(60, TimeUnit.SECONDS);
        assertEquals(0, r.exit(), "the second run took the first one's classes: " + r.err());
        try (var builds = Files.list(dir.resolve(".gokata/build"))) {
            assertEquals(List.of(), builds.toList(), "each run removes its build when its program ends");
        }
    }

    @Test
    void givenBuildsOfRunsNoLongerAlive_whenRunOrGraded_thenTheyAreRemovedAndThoseOfLiveRunsStay() throws Exception {
        long gone = pidOfAnEndedProcess();
        long live = ProcessHandle.current().pid();
        Path builds = Files.createDirectories(dir.resolve(".gokata/build"));
        Path stoppedCompiling = Files.createDirectories(builds.resolve("adder-run-" + gone + "-1/classes"));
        Path programEnded = leftover(builds, "adder-run-" + gone + "-2", Long.toString(pidOfAnEndedProcess()));
        Path programRuns = leftover(builds, "adder-run-" + gone + "-3", Long.toString(live));
        Path programStarting = leftover(builds, "adder-run-" + gone + "-4", "");
        Path compiling = Files.createDirectories(builds.resolve("adder-run-" + live + "-5/classes"));
        Path graded = Files.createDirectories(builds.resolve("adder/classes"));

        var r = gokata("run", "adder");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertFalse(Files.exists(stoppedCompiling.getParent()), "its gokata was stopped during the compilation");
        assertFalse(Files.exists(programEnded), "its gokata and its program have ended");
        assertTrue(Files.exists(programRuns), "its program still loads classes from it");
        assertTrue(Files.exists(programStarting), "its program may have started, unrecorded");
        assertTrue(Files.exists(compiling), "its gokata is alive");
        assertTrue(Files.exists(graded), "a grading's build is no run's");

        Path killed = leftover(builds, "adder-run-" + gone + "-6", Long.toString(pidOfAnEndedProcess()));
        assertEquals(1, gokata("grade", "adder").exit());
        assertFalse(Files.exists(killed), "grade removes them too");
        assertTrue(Files.exists(programRuns) && Files.exists(compiling));
    }

    private static Path leftover(Path builds, String name, String programPid) throws IOException {
        Path build = Files.createDirectories(builds.resolve(name).resolve("classes")).getParent();
        Files.writeString(build.resolve("program.pid"), programPid);
        return build;
    }

    private static long pidOfAnEndedProcess() throws Exception {
        var p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void givenAnotherGokataGradingInTheClone_whenGraded_thenItWaitsForItSayingSoAndGradesRight() throws Exception {
        Path lockFile = Files.createDirectories(dir.resolve(".gokata")).resolve("grading.lock");
        var other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), lockFile.toString()).redirectErrorStream(true).start();
        try {
            var said = new BufferedReader(new InputStreamReader(other.getInputStream())).readLine();
            assertEquals("locked true", said);
            var out = new StringWriter();
            var err = new StringWriter();
            var grading = CompletableFuture.supplyAsync(() -> {
                var cl = Gokata.commandLine();
                cl.setOut(new PrintWriter(out));
                cl.setErr(new PrintWriter(err));
                return cl.execute("grade", "adder", "--root", dir.toString());
            });
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> err.toString().contains("another gokata is grading in this clone"));
            assertFalse(grading.isDone(), "it waits while the other one grades");
            other.getOutputStream().close();
            assertEquals(1, grading.get(90, TimeUnit.SECONDS), err.toString());
            assertTrue(out.toString().contains("adder: 2 of 6 points"), out.toString());
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void givenHints_whenAskedRepeatedly_thenRevealedOneAtATimeAndRemembered() {
        var first = gokata("hint", "adder");
        assertTrue(first.out().startsWith("Hint 1 of 3: Start one goroutine"), first.out());
        assertFalse(first.out().contains("Hint 2"));
        var second = gokata("hint", "adder");
        assertTrue(second.out().contains("Hint 2 of 3"), second.out());
        gokata("hint", "adder");
        var last = gokata("hint", "adder");
        assertTrue(last.out().contains("Hint 3 of 3: See the course section: course.md#goroutines"), last.out());
        assertTrue(last.out().contains("That was the last hint."), last.out());
    }

    @Test
    void givenAnEditedKata_whenReset_thenTheCommittedStarterIsBackAndTheEditIsBackedUp() throws Exception {
        commitTheStarters();
        Path file = dir.resolve("exercises/adder/Adder.java");
        String starter = Files.readString(file);
        Files.writeString(file, starter + "// my work\n");
        var r = gokata("reset", "adder");
        assertEquals(0, r.exit(), r.err());
        assertEquals(starter, Files.readString(file));
        Path saved = backedUp(r, "Adder.java");
        assertTrue(Files.readString(saved).endsWith("// my work\n"), saved.toString());
    }

    @Test
    void givenCommittedWork_whenReset_thenTheCoursesStarterIsBackNotTheCommitAndTheWorkIsBackedUp() throws Exception {
        commitTheStarters();
        Path file = dir.resolve("exercises/adder/Adder.java");
        String starter = Files.readString(file);
        Files.writeString(file, starter + "// my committed work\n");
        commit("my work");

        var r = gokata("reset", "adder");
        assertEquals(0, r.exit(), r.err());
        assertEquals(starter, Files.readString(file));
        assertTrue(r.out().startsWith("Restored the starter of adder (2 files, as the course gives them)."), r.out());
        assertFalse(r.out().contains("HEAD"), r.out());
        Path saved = backedUp(r, "Adder.java");
        assertTrue(Files.readString(saved).endsWith("// my committed work\n"), saved.toString());
    }

    @Test
    void givenAnUntouchedKata_whenReset_thenItSaysSoAndChangesNothing() throws Exception {
        commitTheStarters();
        assertEquals(1, gokata("grade", "adder").exit());
        gokata("hint", "adder");
        Path state = dir.resolve(".gokata/state.json");
        String before = Files.readString(state);

        var r = gokata("reset", "adder");
        assertEquals(0, r.exit(), r.err());
        assertEquals("adder is already at its starter: exercises/adder/ holds just the files reset would restore, so"
                + " nothing was changed.\nNext: gokata grade adder\n", r.out());
        assertFalse(Files.exists(dir.resolve(".gokata/backup")), "no backup of files equal to the starter");
        assertEquals(before, Files.readString(state));
    }

    @Test
    void givenAnUntouchedKataWithAFileAdded_whenReset_thenTheAddedFileIsBackedUpAndRemoved() throws Exception {
        commitTheStarters();
        Path added = dir.resolve("exercises/adder/notes/Scratch.java");
        Files.createDirectories(added.getParent());
        Files.writeString(added, "// my notes\n");

        var r = gokata("reset", "adder");
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.exists(added), r.out());
        assertEquals("// my notes\n", Files.readString(backedUp(r, "notes/Scratch.java")));
    }

    /** Where reset says it moved the student's {@code file}: its "Your previous files are in" line. */
    private Path backedUp(Run r, String file) {
        String prefix = "Your previous files are in ";
        var line = r.out().lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        return dir.resolve(line.substring(prefix.length())).resolve(file);
    }

    @Test
    void givenAStarterFileDeletedAndTheDeletionCommitted_whenReset_thenItComesBack() throws Exception {
        commitTheStarters();
        Path readme = dir.resolve("exercises/adder/README.md");
        String starter = Files.readString(readme);
        Files.delete(readme);
        commit("no readme");

        assertEquals(0, gokata("reset", "adder").exit());
        assertEquals(starter, Files.readString(readme));
    }

    @Test
    void givenARecordThatCannotServe_whenReset_thenTheFilesComeFromHeadAndItSaysWhy() throws Exception {
        commitTheStarters();
        Path file = dir.resolve("exercises/adder/Adder.java");
        Files.writeString(file, Files.readString(file) + "// my committed work\n");
        commit("my work");
        String committed = Files.readString(file);
        Path record = dir.resolve("solutions/starters.txt");
        String lines = Files.readString(record);
        String adder = lines.lines().filter(l -> l.endsWith("\texercises/adder/Adder.java")).findFirst()
                .orElseThrow();
        String absent = "0123456789abcdef0123456789abcdef01234567"; // the id of no content this clone holds
        var cases = List.of(
                new String[] {lines.replace(adder, adder.replaceFirst("[0-9a-f]{40}", absent)),
                        "this clone lacks the recorded starter of exercises/adder/Adder.java (a shallow or partial"
                                + " clone)"},
                new String[] {"# no kata recorded\n", "solutions/starters.txt lists no file of exercises/adder/"},
                new String[] {null, "solutions/starters.txt is missing"});
        for (String[] c : cases) {
            if (c[0] == null) {
                Files.delete(record);
            } else {
                Files.writeString(record, c[0]);
            }
            Files.writeString(file, "// unsaved work\n");
            var r = gokata("reset", "adder");
            assertEquals(0, r.exit(), r.err());
            assertEquals(committed, Files.readString(file), c[1]);
            assertTrue(r.out().contains("Restored the starter of adder (2 files from git HEAD).\nNote: from git HEAD,"
                    + " not from the course's record of starters, because " + c[1] + ": if you committed changes to"
                    + " exercises/adder/, these are your last committed files.\n"), r.out());
        }
    }

    @Test
    void givenABackupFolderOfThisSecondAlready_whenReset_thenANewOneKeepsTheWorkAndTheOldOneStays() throws Exception {
        commitTheStarters();
        var stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
        var now = java.time.LocalDateTime.now();
        var earlier = new ArrayList<Path>();
        for (int s = 0; s < 30; s++) { // the backups of resets made a moment ago, in every second this test may take
            Path b = Files.createDirectories(dir.resolve(".gokata/backup/adder-" + now.plusSeconds(s).format(stamp)));
            earlier.add(Files.writeString(b.resolve("Adder.java"), "// an earlier backup\n"));
        }
        Path file = dir.resolve("exercises/adder/Adder.java");
        Files.writeString(file, Files.readString(file) + "// my latest work\n");

        var r = gokata("reset", "adder");
        assertEquals(0, r.exit(), r.err());
        var backup = r.out().lines().filter(l -> l.startsWith("Your previous files are in ")).findFirst().orElseThrow();
        Path saved = dir.resolve(backup.substring("Your previous files are in ".length())).resolve("Adder.java");
        assertTrue(Files.readString(saved).endsWith("// my latest work\n"), saved.toString());
        for (Path e : earlier) {
            assertEquals("// an earlier backup\n", Files.readString(e), e + " is kept as it was");
        }
    }

    @Test
    void givenADeletedKataFolder_whenGraded_thenItSaysSoAndResetBringsTheStarterBack() throws Exception {
        commitTheStarters();
        Path folder = dir.resolve("exercises/adder");
        String starter = Files.readString(folder.resolve("Adder.java"));
        FileTrees.delete(folder);

        var r = gokata("grade", "adder");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("exercises/adder/ is missing\nadder does not compile — `gokata reset adder` puts"
                + " the starter back"), r.out());
        assertTrue(r.out().contains("Next: `gokata reset adder` puts the starter back in exercises/adder/"), r.out());
        var run = gokata("run", "adder");
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("`gokata reset adder` puts the starter back"), run.err());

        assertEquals(0, gokata("reset", "adder").exit());
        assertEquals(starter, Files.readString(folder.resolve("Adder.java")));
    }

    @Test
    void givenAKataFolderEmptiedOfSources_whenGraded_thenItSaysResetBringsTheStarterBack() throws IOException {
        Path folder = dir.resolve("exercises/adder");
        Files.writeString(folder.resolve("README.md"), "# adder\n");
        Files.delete(folder.resolve("Adder.java"));

        var r = gokata("grade", "adder");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("exercises/adder/ has no .java files\nadder does not compile — `gokata reset adder`"
                + " puts the starter back"), r.out());
        assertTrue(r.out().contains("Next: `gokata reset adder` puts the starter back in exercises/adder/"), r.out());
    }

    @Test
    void givenAFileSavedAsLatin1_whenGraded_thenOneErrorSaysToSaveItAsUtf8() throws IOException {
        Path file = dir.resolve("exercises/adder/Adder.java");
        Files.writeString(file, Files.readString(file).replace("package adder;", "package adder;\n// café"),
                java.nio.charset.StandardCharsets.ISO_8859_1);

        var r = gokata("grade", "adder");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("exercises/adder/Adder.java:2: error: the file is not UTF-8 text (byte 0xE9 on this"
                + " line): the course's files are UTF-8; save it as UTF-8 in your editor"), r.out());
        assertTrue(r.out().contains("\n1 error\nadder does not compile"), r.out());
        assertFalse(r.out().contains("unmappable"), r.out());
    }

    @Test
    void givenAFileInAnotherPackage_whenGraded_thenItIsACompileErrorNamingTheKatasPackage() throws IOException {
        Path file = dir.resolve("exercises/adder/Adder.java");
        Files.writeString(file, "// Sums, in the wrong package\n"
                + Files.readString(file).replace("package adder;", "package addr;"));
        Files.writeString(dir.resolve("exercises/adder/Helper.java"), "/* package adder; */ class Helper {}\n");

        var r = gokata("grade", "adder");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("exercises/adder/Adder.java:2: error: package addr is not the kata's: every file"
                + " of the kata is in package adder (the tests look for adder.Adder)\npackage addr;\n"), r.out());
        assertTrue(r.out().contains("exercises/adder/Helper.java:1: error: no package declaration: every file of the"
                + " kata starts with package adder;\n2 errors\nadder does not compile"), r.out());
    }

    @Test
    void givenWrongUsage_whenRun_thenExit2AndAMessageNotAStackTrace() {
        var unknownKata = gokata("hint", "nosuch");
        assertEquals(2, unknownKata.exit());
        assertTrue(unknownKata.err().contains("there is no kata \"nosuch\"; the katas are: adder, later"),
                unknownKata.err());
        assertFalse(unknownKata.err().contains("\tat "), unknownKata.err());
        for (String typo : List.of("addr", "Adder", "ader", "addders")) {
            var r = gokata("grade", typo);
            assertEquals(2, r.exit(), typo);
            assertTrue(r.err().contains("there is no kata \"" + typo + "\"; did you mean adder? the katas are: adder,"
                    + " later"), r.err());
        }
        assertFalse(unknownKata.err().contains("did you mean"), "nosuch is near no kata: " + unknownKata.err());
        assertEquals(2, gokata("grade", "--bogus").exit());
    }

    @Test
    void givenAnUnknownCommand_whenRun_thenExit2ListingTheCommandsAndSuggestingOneOnlyForATypo() {
        String commands = " the commands are: list, run, grade, watch, hint, reset, solution, verify, class, help"
                + " (see `gokata --help`)";
        var unknown = gokata("frobnicate");
        assertEquals(2, unknown.exit());
        assertEquals("gokata: there is no command \"frobnicate\";" + commands + "\n", unknown.err());
        var typo = gokata("grdae", "adder");
        assertEquals(2, typo.exit());
        assertEquals("gokata: there is no command \"grdae\"; did you mean grade?" + commands + "\n", typo.err());
        var sub = gokata("class", "grsde");
        assertEquals(2, sub.exit());
        assertTrue(sub.err().startsWith("gokata class: there is no command \"grsde\"; did you mean grade? the commands"
                + " are: grade, merge, report"), sub.err());
        var option = gokata("grade", "--bogus");
        assertEquals(2, option.exit());
        assertTrue(option.err().startsWith("Unknown option: '--bogus'"), "options keep picocli's message: "
                + option.err());
    }

    @Test
    void givenTheHelp_whenShown_thenItTeachesWithExamples() {
        var r = gokata("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("gokata watch"), r.out());
        assertTrue(gokata("help", "grade").out().contains("gokata grade --all --json results.json"));
        for (String command : List.of("list", "run", "grade", "watch", "hint", "reset", "solution", "verify",
                "class")) {
            var help = gokata(command, "--help");
            assertEquals(0, help.exit(), command + ": " + help.err());
            assertTrue(help.out().startsWith("Usage: gokata " + command), command + ": " + help.out());
            assertEquals("gokata 0.1.0", gokata(command, "-V").out().strip(), command);
        }
        for (String command : List.of("grade", "merge", "report")) {
            var help = gokata("class", command, "--help");
            assertEquals(0, help.exit(), command + ": " + help.err());
            assertTrue(help.out().contains("  gokata class " + command + " "), command + ": " + help.out());
        }
    }

    @Test
    void givenTheFakeCourse_whenVerified_thenSummaryAndExit0_andAStrayFolderFailsIt() throws IOException {
        var ok = gokata("verify", "--repeat", "1");
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("ok   adder"), ok.out());
        assertTrue(ok.out().contains("skip later: not ready"), ok.out());
        assertTrue(ok.out().contains("verify: 1 kata checked, 1 skipped (not ready), 0 problems"), ok.out());
        Files.createDirectories(dir.resolve("exercises/orphan"));
        Files.writeString(dir.resolve("exercises/orphan/Orphan.java"), "package orphan; class Orphan {}");
        Files.copy(dir.resolve("solutions/src/given/java/adder/Numbers.java"),
                dir.resolve("exercises/adder/Numbers.java"));
        var stray = gokata("verify", "--repeat", "1");
        assertEquals(1, stray.exit(), stray.out());
        assertTrue(stray.out().contains("exercises/orphan/ belongs to no kata"), stray.out());
        assertTrue(stray.out().contains("exercises/adder/Numbers.java is a copy of"
                + " solutions/src/given/java/adder/Numbers.java, which the kata gives: remove it"), stray.out());
    }

    @Test
    void givenAStarterWhoseSignatureDiffersFromTheReference_whenVerified_thenItIsAProblem() throws IOException {
        Path starter = dir.resolve("exercises/adder/Adder.java");
        Files.writeString(starter, Files.readString(starter)
                .replace("public static int sum(", "public static long sum("));
        var r = gokata("verify", "--repeat", "1");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("the untouched starter exercises/adder/ lacks what the hidden tests use, so a"
                + " student who keeps its signatures loses points"), r.out());
        assertTrue(r.out().contains("Adder.sum(int[]) returning int, which your code no longer has"), r.out());
    }

    @Test
    void givenStarterFilesChangedAddedOrGone_whenVerified_thenEachIsAProblemAndUpdateStartersRecordsThem()
            throws Exception {
        commitTheStarters();
        Path starter = dir.resolve("exercises/adder/Adder.java");
        Files.writeString(starter, Files.readString(starter) + "// a clearer TODO\n");
        Files.writeString(dir.resolve("exercises/adder/notes.txt"), "new, not yet added to git\n");
        Path record = dir.resolve("solutions/starters.txt");
        Files.writeString(record, Files.readString(record)
                + "100644 blob 0123456789abcdef0123456789abcdef01234567\texercises/adder/Gone.java\n");

        var stale = gokata("verify", "--repeat", "1");
        assertEquals(1, stale.exit(), stale.out());
        String refresh = ": record the starters again with gokata verify --update-starters, and commit"
                + " solutions/starters.txt";
        assertTrue(stale.out().contains("FAIL solutions/starters.txt\n"
                + "       exercises/adder/Adder.java changed since solutions/starters.txt recorded it" + refresh + "\n"
                + "       exercises/adder/Gone.java is in solutions/starters.txt but no longer exists" + refresh + "\n"
                + "       note: exercises/adder/notes.txt is no starter: git does not track it, so no clone gets it (a"
                + " starter? git add it, then record the starters again"), stale.out());
        assertTrue(stale.out().contains("verify: 1 kata checked, 1 skipped (not ready), 2 problems"), stale.out());

        var update = gokata("verify", "--update-starters");
        assertEquals(0, update.exit(), update.err());
        assertEquals("Wrote solutions/starters.txt: 2 starter files of exercises/. Commit it with the starters.\n"
                + "Skipped 1 file git does not track, which no clone gets: exercises/adder/notes.txt. A starter among"
                + " them? git add it and run gokata verify --update-starters again.\n", update.out());
        git("add", "exercises/adder/notes.txt");
        var added = gokata("verify", "--repeat", "1");
        assertEquals(1, added.exit(), added.out());
        assertTrue(added.out().contains("exercises/adder/notes.txt is not in solutions/starters.txt" + refresh),
                added.out());
        assertEquals("Wrote solutions/starters.txt: 3 starter files of exercises/. Commit it with the starters.\n",
                gokata("verify", "--update-starters").out());
        var ok = gokata("verify", "--repeat", "1");
        assertEquals(0, ok.exit(), ok.out());
        assertTrue(ok.out().contains("ok   solutions/starters.txt"), ok.out());
    }

    @Test
    void givenAnAuthorsUntrackedAndIgnoredFiles_whenStartersAreRecorded_thenOnlyTrackedOnesAreAndResetUsesTheRecord()
            throws Exception {
        commitTheStarters();
        Files.writeString(dir.resolve(".gitignore"), "*.class\n");
        Files.writeString(dir.resolve("exercises/adder/.Adder.java.swp"), "vim's swap file");
        Files.writeString(dir.resolve("exercises/.DS_Store"), "Finder's");
        Files.writeString(dir.resolve("exercises/adder/Adder.class"), "ignored");

        var update = gokata("verify", "--update-starters");
        assertEquals(0, update.exit(), update.err());
        assertEquals("Wrote solutions/starters.txt: 2 starter files of exercises/. Commit it with the starters.\n"
                + "Skipped 2 files git does not track, which no clone gets: exercises/.DS_Store,"
                + " exercises/adder/.Adder.java.swp. A starter among them? git add it and run gokata verify"
                + " --update-starters again.\n", update.out());
        var record = Files.readString(dir.resolve("solutions/starters.txt"));
        assertTrue(record.contains("\texercises/adder/Adder.java\n"), record);
        assertFalse(record.contains(".swp") || record.contains(".DS_Store") || record.contains(".class"), record);

        Path starter = dir.resolve("exercises/adder/Adder.java");
        Files.writeString(starter, Files.readString(starter) + "// my work\n");
        var reset = gokata("reset", "adder");
        assertEquals(0, reset.exit(), reset.err());
        assertTrue(reset.out().startsWith("Restored the starter of adder (2 files, as the course gives them).\n"),
                "the record serves reset, which finds every blob it lists in git: " + reset.out());
    }

    /** Makes the course a git repository with the starters committed, as a clone is (reset restores from it). */
    private void commitTheStarters() throws Exception {
        git("init", "-q");
        git("add", "exercises");
        git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "starter");
    }

    private void commit(String message) throws Exception {
        git("add", "-A", "exercises");
        git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", message);
    }

    private void git(String... args) throws Exception {
        var cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        var p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }
}

package dev.gokata.grader.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.grader.report.CourseResult;
import dev.gokata.grader.report.CourseResult.Run;
import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.ResultsJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BatchGraderTest {

    private static final Duration LIMIT = Duration.ofSeconds(3);

    @TempDir
    Path tmp;

    private BatchGrader batch(Path out, int jobs) {
        return new BatchGrader(FakeClass.grader(tmp.resolve("graded.log")), FakeClass.COURSE,
                new BatchGrader.Options(jobs, LIMIT, 4096), out);
    }

    private Map<String, CourseResult> byStudent(List<CourseResult> results) {
        var map = new HashMap<String, CourseResult>();
        results.forEach(r -> map.put(r.student(), r));
        return map;
    }

    private List<String> gradedLog() throws IOException {
        var log = tmp.resolve("graded.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void givenSubmissionsThatMisbehave_whenTheClassIsGraded_thenEachGetsItsOwnVerdictAndNoneStallsTheBatch()
            throws Exception {
        var subs = Files.createDirectories(tmp.resolve("submissions"));
        var both = List.of(SampleClass.counterPassed(), SampleClass.pipelinePassed());
        FakeClass.student(subs, "alice", "ok", both);
        FakeClass.student(subs, "bob", "ok", List.of(SampleClass.counterRacy(), SampleClass.pipelinePassed()));
        FakeClass.student(subs, "carol", "loop", List.of());
        FakeClass.student(subs, "dave", "flood", List.of());
        FakeClass.student(subs, "erin", "exit", List.of());
        FakeClass.student(subs, "frank", "partial", List.of(SampleClass.counterPassed()));
        FakeClass.student(subs, "gina", "fork", both);
        FakeClass.student(subs, "hank", "floodthenok", both);
        var zipped = FakeClass.student(tmp, "ivan", "ok", both);
        FakeClass.zip(zipped, subs.resolve("ivan.zip"), "ivan-main");
        FakeClass.zipOf(subs.resolve("judy.zip"), "../../escaped.txt", 10);
        Files.createDirectories(subs.resolve("kate/src"));
        Files.writeString(subs.resolve("notes.txt"), "not a submission");

        var out = tmp.resolve("out");
        var log = new StringWriter();
        var submissions = Submission.scan(subs, out);
        var summary = batch(out, 4).run(submissions, new PrintWriter(log), false);

        assertEquals(11, submissions.size());
        assertEquals(11, summary.graded());
        assertTrue(summary.elapsed().compareTo(Duration.ofSeconds(30)) < 0,
                "four 3s time limits on four jobs: " + summary.elapsed());
        var r = byStudent(summary.results());
        assertEquals(Run.GRADED, r.get("alice").run());
        assertEquals(15, r.get("alice").score());
        assertEquals(12, r.get("bob").score());
        assertEquals(Run.TIMED_OUT, r.get("carol").run());
        assertEquals(List.of("error", "error"), r.get("carol").katas().stream().map(KataResult::status).toList());
        assertEquals(15, r.get("carol").maxScore(), "katas not graded still count their points");
        assertEquals(Run.TIMED_OUT, r.get("dave").run());
        assertTrue(r.get("dave").note().contains("bytes cut]") && r.get("dave").note().contains("flood flood"),
                r.get("dave").note());
        assertTrue(r.get("dave").note().length() < 5000, "the flood is capped");
        assertEquals(Run.CRASHED, r.get("erin").run());
        assertTrue(r.get("erin").note().contains("exited with status 3") && r.get("erin").note().contains("boom"));
        assertEquals(Run.TIMED_OUT, r.get("frank").run());
        assertEquals(5, r.get("frank").score(), "the kata graded before the time limit keeps its points");
        assertEquals("error", r.get("frank").kata("pipeline").orElseThrow().status());
        assertTrue(r.get("frank").kata("pipeline").orElseThrow().message().contains("time limit of 3s ran out"));
        assertEquals(Run.TIMED_OUT, r.get("gina").run(), "waits for the process it forked");
        assertEquals(Run.GRADED, r.get("hank").run());
        assertEquals(15, r.get("hank").score());
        assertEquals(Run.GRADED, r.get("ivan").run(), "a zip with a top folder");
        assertEquals(15, r.get("ivan").score());
        assertEquals(Run.UNREADABLE, r.get("judy").run());
        assertTrue(r.get("judy").note().contains("outside the submission folder"), r.get("judy").note());
        assertFalse(Files.exists(tmp.resolve("escaped.txt")));
        assertEquals(Run.UNREADABLE, r.get("kate").run());
        assertTrue(r.get("kate").note().contains("no exercises/ folder"));

        assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments()
                .map(a -> List.of(a).contains("601") || List.of(a).contains("600")).orElse(false)
                && p.info().command().orElse("").endsWith("sleep")), "every process of the batch is gone");
        assertFalse(Files.exists(out.resolve("work/carol")), "scratch folders are deleted");
        assertEquals(11, Files.readAllLines(out.resolve("journal.log")).size());
        assertTrue(log.toString().contains("11/11 100%"), log.toString());

        var bob = FakeClass.json(out.resolve("results/bob.json"));
        assertEquals("GRADED", bob.get("run").asText());
        assertEquals(12.0, bob.get("score").asDouble());
        assertEquals("fail", bob.get("status").asText());
        assertEquals(3, bob.get("version").asInt());
    }

    @Test
    void givenABatchInterruptedHalfway_whenItIsStartedAgain_thenOnlyTheUngradedStudentsAreGraded() throws Exception {
        var subs = Files.createDirectories(tmp.resolve("submissions"));
        var both = List.of(SampleClass.counterPassed(), SampleClass.pipelinePassed());
        for (var name : List.of("a1", "a2", "a3")) {
            FakeClass.student(subs, name, "ok", both);
        }
        FakeClass.student(subs, "b1", "loop", List.of());
        FakeClass.student(subs, "b2", "ok", both);
        var out = tmp.resolve("out");
        var submissions = Submission.scan(subs, out);
        var slow = new BatchGrader(FakeClass.grader(tmp.resolve("graded.log")), FakeClass.COURSE,
                new BatchGrader.Options(1, Duration.ofMinutes(5), 4096), out);

        var failure = new ArrayList<Throwable>();
        var first = Thread.ofPlatform().start(() -> {
            try {
                slow.run(submissions, new PrintWriter(new StringWriter()), false);
            } catch (Exception e) {
                failure.add(e);
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gradedLog().contains("b1"));
        first.interrupt();
        first.join(Duration.ofSeconds(30));
        assertFalse(first.isAlive());
        assertTrue(failure.getFirst() instanceof InterruptedException, failure.toString());
        assertEquals(List.of("a1.json", "a2.json", "a3.json"), resultFiles(out));

        Files.writeString(subs.resolve("b1/behaviour"), "ok");
        var summary = batch(out, 2).run(submissions, new PrintWriter(new StringWriter()), false);

        assertEquals(3, summary.skipped());
        assertEquals(2, summary.graded());
        assertEquals(List.of("a1", "a2", "a3", "b1", "b1", "b2"), gradedLog().stream().sorted().toList());
        assertEquals(List.of("a1.json", "a2.json", "a3.json", "b1.json", "b2.json"), resultFiles(out));
    }

    @Test
    void givenAGradedClass_whenACheckoutChangesOrOtherKatasWereGraded_thenOnlyThoseStudentsAreGradedAgain()
            throws Exception {
        var subs = Files.createDirectories(tmp.resolve("submissions"));
        var both = List.of(SampleClass.counterPassed(), SampleClass.pipelinePassed());
        for (var name : List.of("a1", "a2", "a3", "a4")) {
            FakeClass.student(subs, name, "ok", both);
        }
        FakeClass.zip(FakeClass.student(tmp, "z1", "ok", both), subs.resolve("z1.zip"), "z1-main");
        var out = tmp.resolve("out");
        var submissions = Submission.scan(subs, out);
        batch(out, 2).run(submissions, new PrintWriter(new StringWriter()), false);
        var store = new ResultsStore(out.resolve("results"));
        var graded = Files.getLastModifiedTime(store.file("a1")).toInstant();
        // a1 saves a file after it was graded; a2 was graded for counter alone (--kata counter);
        // a3 deletes a file after it was graded (its folder changes)
        Files.setLastModifiedTime(subs.resolve("a1/exercises/counter/Counter.java"),
                FileTime.from(graded.plusSeconds(1)));
        ResultsJson.write(SampleClass.student("a2", Run.GRADED, "", 0, List.of(SampleClass.counterPassed())),
                store.file("a2"));
        Files.delete(subs.resolve("a3/exercises/counter/Counter.java"));
        Files.setLastModifiedTime(subs.resolve("z1.zip"), FileTime.from(graded.plusSeconds(1))); // downloaded again
        Files.setLastModifiedTime(subs.resolve("a3/exercises/counter"),
                FileTime.from(Files.getLastModifiedTime(store.file("a3")).toInstant().plusSeconds(1)));
        var log = new StringWriter();

        var summary = batch(out, 2).run(submissions, new PrintWriter(log), false);

        assertEquals(1, summary.skipped());
        assertEquals(List.of("a1", "a2", "a3", "z1"),
                summary.results().stream().map(CourseResult::student).sorted().toList());
        assertTrue(log.toString().contains("1 of 5 submissions already graded"), log.toString());
        assertTrue(log.toString().contains("grading again: a1 (changed since it was graded), a2 (graded before for"
                + " other katas), a3 (changed since it was graded), z1 (changed since it was graded)"), log.toString());
        assertEquals(2, store.readAll(new ArrayList<>()).stream().filter(r -> r.student().equals("a2"))
                .findFirst().orElseThrow().katas().size(), "a2 graded for every kata of the batch");
    }

    @Test
    void givenResultsThatMayBeOfAnotherFolderOfTheSameName_whenResumed_thenThoseStudentsAreGradedAgain()
            throws Exception {
        var subs = Files.createDirectories(tmp.resolve("submissions"));
        var both = List.of(SampleClass.counterPassed(), SampleClass.pipelinePassed());
        for (var name : List.of("li wei", "li_wei", "a1")) {
            FakeClass.student(subs, name, "ok", both);
        }
        var out = tmp.resolve("out");
        var store = new ResultsStore(out.resolve("results"));
        // as an older gokata left them: li wei's results as li_wei's, li_wei's as li_wei-2's, none naming its folder
        ResultsJson.write(CourseResult.of(both, 0).ofStudent("li_wei", "li wei", Run.GRADED, "", 0),
                store.file("li_wei"));
        ResultsJson.write(CourseResult.of(both, 0).ofStudent("li_wei-2", null, Run.GRADED, "", 0),
                store.file("li_wei-2"));
        ResultsJson.write(CourseResult.of(both, 0).ofStudent("a1", null, Run.GRADED, "", 0), store.file("a1"));
        var log = new StringWriter();

        var summary = batch(out, 2).run(Submission.scan(subs, out), new PrintWriter(log), false);

        assertEquals(1, summary.skipped(), "a1's name is no one else's: its results stand");
        assertTrue(log.toString().contains("grading again: li_wei-2 (its results may be of another folder or zip"
                + " of the same name), li_wei (its results may be of another folder or zip of the same name)"),
                log.toString());
        assertEquals("li wei", ResultsStore.read(store.file("li_wei-2")).orElseThrow().submission());
    }

    @Test
    void givenRegrade_whenAGradedClassIsGradedAgain_thenEveryStudentIsGradedAgain() throws Exception {
        var subs = Files.createDirectories(tmp.resolve("submissions"));
        for (var name : List.of("a1", "a2")) {
            FakeClass.student(subs, name, "ok", List.of(SampleClass.counterPassed(), SampleClass.pipelinePassed()));
        }
        var out = tmp.resolve("out");
        var submissions = Submission.scan(subs, out);
        batch(out, 2).run(submissions, new PrintWriter(new StringWriter()), false);
        var regrade = new BatchGrader(FakeClass.grader(tmp.resolve("graded.log")), FakeClass.COURSE,
                new BatchGrader.Options(2, LIMIT, 4096, true), out);

        var summary = regrade.run(submissions, new PrintWriter(new StringWriter()), false);

        assertEquals(0, summary.skipped());
        assertEquals(List.of("a1", "a1", "a2", "a2"), gradedLog().stream().sorted().toList());
    }

    @Test
    void givenAClassSplitInShards_whenEachShardIsGradedAndMerged_thenTheMergeHasEveryStudentOnce() throws Exception {
        var subs = Files.createDirectories(tmp.resolve("submissions"));
        var both = List.of(SampleClass.counterPassed(), SampleClass.pipelineWrong());
        var names = List.of("s1", "s2", "s3", "s4", "s5", "s6", "s7");
        for (var name : names) {
            FakeClass.student(subs, name, "ok", both);
        }
        var submissions = Submission.scan(subs, null);
        var parts = new ArrayList<Path>();
        for (int i = 1; i <= 3; i++) {
            var part = tmp.resolve("shard-" + i);
            batch(part, 2).run(Shard.parse(i + "/3").select(submissions), new PrintWriter(new StringWriter()), false);
            parts.add(part);
        }
        assertEquals(List.of("s1.json", "s4.json", "s7.json"), resultFiles(parts.get(0)));
        assertEquals(List.of("s2.json", "s5.json"), resultFiles(parts.get(1)));

        var merged = tmp.resolve("merged");
        assertEquals(7, ClassMerge.merge(parts, merged));
        var published = ClassOutputs.publish(FakeClass.COURSE, merged);

        assertEquals(7, published.students());
        var csv = Files.readAllLines(published.gradebook());
        assertEquals(8, csv.size());
        assertEquals("s3,s3,graded,5,5,10,15", csv.get(3));
        assertEquals(names, gradedLog().stream().sorted().toList(), "each student graded once");
        assertTrue(Files.exists(merged.resolve("feedback/s7.html")));
        assertEquals(7, ClassMerge.merge(List.of(parts.get(0)), merged), "merging a shard twice changes nothing");
    }

    @Test
    void givenStudentNamesInOtherScriptsOrDifferingByCase_whenScanned_thenEachKeepsARecognisableDistinctId()
            throws Exception {
        var subs = Files.createDirectories(tmp.resolve("submissions"));
        for (var name : List.of("李", "王", "José", "li wei", "Maya", "maya")) {
            FakeClass.student(subs, name, "ok", List.of());
        }
        Files.createDirectories(subs.resolve("Jose\u0301")); // José as macOS lists it: e, then the accent
        var ids = new HashMap<String, String>();
        Submission.scan(subs, null).forEach(s -> ids.put(s.name(), s.id()));
        assertEquals(Map.of("José", "José", "Jose\u0301", "José-2", "Maya", "Maya", "li wei", "li_wei",
                "maya", "maya-2", "李", "李", "王", "王"), ids, "a name safe as it is keeps it");
    }

    @Test
    void givenNamesEqualOnceMadeSafe_whenScanned_thenTheNameSafeAsItIsKeepsItAndTheOthersTakeSuffixesInNameOrder()
            throws Exception {
        var subs = Files.createDirectories(tmp.resolve("submissions"));
        for (var name : List.of("li wei", "li_wei", "li_wei-2", "Maya", "maya", "li?wei")) {
            Files.createDirectories(subs.resolve(name));
        }
        FakeClass.zipOf(subs.resolve("maya.zip"), "maya/exercises/counter/Counter.java", 10);

        var ids = new HashMap<String, String>();
        Submission.scan(subs, null).forEach(s -> ids.put(s.name(), s.id()));

        assertEquals(Map.of("li_wei", "li_wei", "li_wei-2", "li_wei-2", "li wei", "li_wei-3", "li?wei", "li_wei-4",
                "Maya", "Maya", "maya", "maya-2", "maya.zip", "maya-3"), ids);
    }

    @Test
    void givenTwoNamesEqualOnceMadeSafe_whenGraded_thenTheResultsAndTheReportNameTheFolderEachCameFrom()
            throws Exception {
        var subs = Files.createDirectories(tmp.resolve("submissions"));
        var both = List.of(SampleClass.counterPassed(), SampleClass.pipelinePassed());
        FakeClass.student(subs, "li wei", "ok", both);
        FakeClass.student(subs, "li_wei", "ok", List.of(SampleClass.counterRacy(), SampleClass.pipelinePassed()));
        var out = tmp.resolve("out");

        var r = byStudent(batch(out, 2).run(Submission.scan(subs, out), new PrintWriter(new StringWriter()), false)
                .results());

        assertEquals("li wei", r.get("li_wei-2").submission());
        assertEquals(15, r.get("li_wei-2").score());
        var file = Files.readString(out.resolve("results/li_wei-2.json"));
        assertTrue(file.contains("\"submission\" : \"li wei\"") && !file.contains("renamedFrom"), file);
        assertEquals("li_wei", r.get("li_wei").submission());
        ClassOutputs.publish(FakeClass.COURSE, out);
        var index = Files.readString(out.resolve("report/index.html"));
        assertTrue(index.contains(">li_wei-2</a> <small>(submitted as li wei)</small></td>"), index);
        assertTrue(index.contains(">li_wei</a></td>"), "li_wei is its own name: " + index);
        var json = FakeClass.json(out.resolve("report/report.json")).get("students");
        assertEquals("li wei", json.get(1).get("submission").asText(), json.toString());
        assertTrue(Files.readString(out.resolve("feedback/li_wei-2.html"))
                .contains("<strong>li_wei-2</strong> <small>(submitted as li wei)</small>"));
        assertTrue(Files.readString(out.resolve("report/students/li_wei-2.html"))
                .contains("<h1>li_wei-2 <small>(submitted as li wei)</small></h1>"));
    }

    @Test
    void givenTwoShardsWithDifferentResultsForOneStudent_whenMerged_thenTheMergeNamesTheConflict() throws Exception {
        var one = new ResultsStore(tmp.resolve("one/results"));
        var two = new ResultsStore(tmp.resolve("two/results"));
        one.write(SampleClass.students().get(0));
        two.write(SampleClass.student("alice", Run.CRASHED, "", 1, List.of()));

        var e = assertThrows(IOException.class,
                () -> ClassMerge.merge(List.of(tmp.resolve("one"), tmp.resolve("two")), tmp.resolve("merged")));
        assertTrue(e.getMessage().contains("alice.json is in two shards"), e.getMessage());
    }

    @Test
    void givenShardSpecs_whenParsed_thenSlicesAreDisjointAndCoverTheClass() {
        var all = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        var seen = new ArrayList<Integer>();
        for (int i = 1; i <= 4; i++) {
            var slice = Shard.parse(i + "/4").select(all);
            assertTrue(slice.size() == 2 || slice.size() == 3);
            seen.addAll(slice);
        }
        assertEquals(all, seen.stream().sorted().toList());
        assertEquals(all, Shard.ALL.select(all));
        var e = assertThrows(IllegalArgumentException.class, () -> Shard.parse("0/4"));
        assertTrue(e.getMessage().contains("1 <= I <= N"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("two of four"));
    }

    @Test
    void givenHostileZips_whenExtracted_thenTheyStopAtTheCapsAndNeverWriteOutside() throws Exception {
        var target = tmp.resolve("into");
        FakeClass.zipOf(tmp.resolve("slip.zip"), "exercises/../../outside.txt", 10);
        var slip = assertThrows(SafeUnzip.UnsafeZipException.class,
                () -> SafeUnzip.extract(tmp.resolve("slip.zip"), target, SafeUnzip.Limits.DEFAULT));
        assertTrue(slip.getMessage().contains("outside"));
        assertFalse(Files.exists(tmp.resolve("outside.txt")));

        FakeClass.zipOf(tmp.resolve("bomb.zip"), "exercises/counter/Big.java", 4 << 20);
        var limits = new SafeUnzip.Limits(100, 1 << 20, 2 << 20);
        var bomb = assertThrows(SafeUnzip.UnsafeZipException.class,
                () -> SafeUnzip.extract(tmp.resolve("bomb.zip"), tmp.resolve("bomb"), limits));
        assertTrue(bomb.getMessage().contains("larger than 1 MiB"), bomb.getMessage());

        Files.writeString(tmp.resolve("junk.zip"), "this is not a zip");
        assertThrows(SafeUnzip.UnsafeZipException.class,
                () -> SafeUnzip.extract(tmp.resolve("junk.zip"), tmp.resolve("junk"), SafeUnzip.Limits.DEFAULT));
    }

    @Test
    void givenProgress_whenRendered_thenItShowsDoneRateAndTimeLeft() {
        assertEquals("[###############...............] 150/300  50%  30.0/min  ETA 5m00s",
                Progress.render(150, 300, Duration.ofMinutes(5)));
        assertEquals("[..............................] 0/300   0%  0.0/min  ETA --",
                Progress.render(0, 300, Duration.ZERO));
        assertEquals("1h02m", Progress.duration(Duration.ofMinutes(62)));
    }

    private static List<String> resultFiles(Path out) throws IOException {
        try (var files = Files.list(out.resolve("results"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}

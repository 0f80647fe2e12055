package dev.gokata.grader.classroom;

import dev.gokata.grader.report.CourseResult;
import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.TestResult;
import dev.gokata.grader.worker.Verdict;
import java.util.List;

/** Hand-made results of a small class: one of each outcome a course report must show. */
final class SampleClass {

    static final String RACE = """
            ==================
            WARNING: DATA RACE
            Write at 0x00c00001a0a8 by goroutine 7:
              counter.Counter.increment()
                  Counter.java:14 +0x0

            Previous read at 0x00c00001a0a8 by goroutine 8:
              counter.Counter.increment()
                  Counter.java:14 +0x0

            Goroutine 7 (running) created at:
              counter.CounterTest.concurrentIncrements()
                  CounterTest.java:30 +0x0
            ==================""";

    static final String DEADLOCK = """
            fatal error: all goroutines are asleep - deadlock!

            goroutine 1 [chan receive]:
              pipeline.Pipeline.run()
                  Pipeline.java:21 +0x0""";

    static final Course COURSE = new Course("Concurrency in Java, autumn",
            List.of(new Course.Kata("counter", "A concurrency-safe counter", 5),
                    new Course.Kata("pipeline", "A three-stage pipeline", 10)));

    private SampleClass() {
    }

    static TestResult pass(String name, double points) {
        return test(name, Verdict.PASS, null, points, List.of(), null);
    }

    static TestResult fail(String name, double points, String message) {
        return test(name, Verdict.FAIL, message, points, List.of(), null);
    }

    static TestResult raced(String name, double points) {
        return test(name, Verdict.FAIL, "race detected during execution of test", points, List.of(RACE), null);
    }

    static TestResult deadlocked(String name, double points) {
        return test(name, Verdict.FAIL, "all goroutines are asleep - deadlock!", points, List.of(), DEADLOCK);
    }

    private static TestResult test(String name, Verdict verdict, String message, double points, List<String> races,
            String deadlock) {
        return new TestResult(name, verdict.exercism(), message, "", null, verdict == Verdict.PASS ? points : 0,
                points, "visible", List.of(), null, null, null, verdict, races, deadlock, List.of(), 1);
    }

    static KataResult kata(String id, List<TestResult> tests, String... files) {
        var score = tests.stream().mapToDouble(TestResult::score).sum();
        var max = tests.stream().mapToDouble(TestResult::maxScore).sum();
        var status = tests.stream().allMatch(TestResult::passed) ? "pass" : "fail";
        return new KataResult(id, "", status, null, score, max, null, tests, null, 10, List.of(files), List.of());
    }

    /** {@code katas} as {@code name}'s results in a batch. */
    static CourseResult student(String name, CourseResult.Run run, String note, double seconds,
            List<KataResult> katas) {
        return CourseResult.of(katas, Math.round(seconds * 1000)).ofStudent(name, name, run, note, seconds);
    }

    static KataResult counterPassed() {
        return kata("counter", List.of(pass("sequentialIncrements", 2), pass("concurrentIncrements", 3)),
                "Counter.java");
    }

    static KataResult counterRacy() {
        return kata("counter", List.of(pass("sequentialIncrements", 2), raced("concurrentIncrements", 3)),
                "Counter.java");
    }

    static KataResult pipelinePassed() {
        return kata("pipeline", List.of(pass("stagesInOrder", 5), pass("closesOutput", 5)), "Pipeline.java");
    }

    static KataResult pipelineDeadlocked() {
        return kata("pipeline", List.of(pass("stagesInOrder", 5), deadlocked("closesOutput", 5)), "Pipeline.java");
    }

    static KataResult pipelineWrong() {
        return kata("pipeline", List.of(fail("stagesInOrder", 5, "expected: <[2, 4, 6]> but was: <[2, 6, 4]>"),
                pass("closesOutput", 5)), "Pipeline.java");
    }

    static KataResult counterDoesNotCompile() {
        return new KataResult("counter", "", "error", "the kata does not compile", 0, 5,
                "Counter.java:9: error: cannot find symbol\n    count.incrementAndGet();", List.of(), null, 10,
                List.of("Counter.java"), List.of());
    }

    /** alice 15/15, bob 12/15 (race), carol 10/15 (deadlock), dave 0/15 (compile error, timed out), erin 5/15. */
    static List<CourseResult> students() {
        return List.of(
                student("alice", CourseResult.Run.GRADED, "", 3.0, List.of(counterPassed(), pipelinePassed())),
                student("bob", CourseResult.Run.GRADED, "", 4.0, List.of(counterRacy(), pipelinePassed())),
                student("carol", CourseResult.Run.GRADED, "", 5.0, List.of(counterPassed(), pipelineDeadlocked())),
                student("dave", CourseResult.Run.TIMED_OUT, "killed after 2m", 120.0,
                        List.of(counterDoesNotCompile(),
                                KataResult.error("pipeline", "", 10,
                                        "not graded: the submission's time limit (2m) ran out"))),
                student("erin<b>", CourseResult.Run.GRADED, "", 2.0,
                        List.of(counterRacy(), pipelineWrong())));
    }
}

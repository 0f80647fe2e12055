package dev.gokata.grader.classroom;

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
        return new TestResult(name, "pass", "", "", points, points, "pass", List.of(), "", List.of());
    }

    static TestResult fail(String name, double points, String message) {
        return new TestResult(name, "fail", message, "", 0, points, "fail", List.of(), "", List.of());
    }

    static TestResult raced(String name, double points) {
        return new TestResult(name, "fail", "race detected during execution of test", "", 0, points, "fail",
                List.of(RACE), "", List.of());
    }

    static TestResult deadlocked(String name, double points) {
        return new TestResult(name, "fail", "all goroutines are asleep - deadlock!", "", 0, points, "fail",
                List.of(), DEADLOCK, List.of());
    }

    static KataResult kata(String id, List<TestResult> tests, String... files) {
        var score = tests.stream().mapToDouble(TestResult::score).sum();
        var max = tests.stream().mapToDouble(TestResult::maxScore).sum();
        var status = tests.stream().allMatch(TestResult::passed) ? "pass" : "fail";
        return new KataResult(id, "", status, "", score, max, "", tests, List.of(files));
    }

    static KataResult counterPassed() {
        return kata("counter", List.of(pass("sequentialIncrements", 2), pass("concurrentIncrements", 3)), "Counter.java");
    }

    static KataResult counterRacy() {
        return kata("counter", List.of(pass("sequentialIncrements", 2), raced("concurrentIncrements", 3)), "Counter.java");
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
                "Counter.java:9: error: cannot find symbol\n    count.incrementAndGet();", List.of(), List.of("Counter.java"));
    }

    /** alice 15/15, bob 12/15 (race), carol 10/15 (deadlock), dave 0/15 (compile error, timed out), erin 5/15. */
    static List<StudentResult> students() {
        return List.of(
                new StudentResult("alice", StudentResult.Run.GRADED, "", 3.0, List.of(counterPassed(), pipelinePassed())),
                new StudentResult("bob", StudentResult.Run.GRADED, "", 4.0, List.of(counterRacy(), pipelinePassed())),
                new StudentResult("carol", StudentResult.Run.GRADED, "", 5.0, List.of(counterPassed(), pipelineDeadlocked())),
                new StudentResult("dave", StudentResult.Run.TIMED_OUT, "killed after 2m", 120.0,
                        List.of(counterDoesNotCompile(),
                                KataResult.error("pipeline", "", 10, "not graded: the submission's time limit (2m) ran out"))),
                new StudentResult("erin<b>", StudentResult.Run.GRADED, "", 2.0,
                        List.of(counterRacy(), pipelineWrong())));
    }
}

package dev.gokata.grader.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A test's goroutine dump shows the kata's and the runtime's frames only, as {@code go test}'s ends at the test. */
class HarnessFramesTest {

    @Test
    void givenADumpOfTheTestsMainGoroutine_whenShown_thenJUnitsTheWorkersAndTheTestHelpersFramesAreGone() {
        String students = """
                fatal error: all goroutines are asleep - deadlock!

                goroutine 1 [sync.WaitGroup.Wait]:
                dev.gokata.runtime.WaitGroup.await(...)
                \tWaitGroup.java:75
                waitgroup.Join.run(...)
                \tJoin.java:34
                """;
        String helper = """
                dev.gokata.testkit.Stdout.capture.func1(...)
                \tStdout.java:23
                """;
        String test = """
                waitgroup.JoinTest.printsOneOnEveryRun(...)
                \tJoinTest.java:31
                """;
        String harness = """
                org.junit.platform.commons.util.ReflectionUtils.invokeMethod(...)
                \tReflectionUtils.java:700
                org.junit.jupiter.engine.execution.MethodInvocation.proceed(...)
                \tMethodInvocation.java:61
                dev.gokata.grader.worker.GoroutineExtension.runAsProgram.func1(...)
                \tGoroutineExtension.java:55
                """;
        String otherGoroutine = """

                goroutine 2 [chan send]:
                waitgroup.Join.run.func1(...)
                \tJoin.java:30
                created by waitgroup.Join.run in goroutine 1
                \tJoin.java:29
                """;
        assertEquals(students + test + otherGoroutine,
                HarnessFrames.hide(students + helper + test + harness + otherGoroutine, "waitgroup"));
    }

    @Test
    void givenLinesThatOnlyNameJUnit_whenShown_thenTheyStay() {
        String report = "panic: org.junit.platform.Foo failed(...)\nsomething else\n";
        assertEquals(report, HarnessFrames.hide(report, "waitgroup"));
    }
}

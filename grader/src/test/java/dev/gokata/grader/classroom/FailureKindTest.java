package dev.gokata.grader.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.report.TestResult;
import dev.gokata.grader.worker.Verdict;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kind of mistake the course report reads from a failed test's message. */
class FailureKindTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the worker's leak check    | found 2 leaked goroutines after the test returned (still alive 500ms later):\
             | LEAK
            the kit's wait for a stage | 2 goroutines were still alive 500 ms after first(2, 3) returned: use a select\
             | LEAK
            the kit's wait, one left   | 1 goroutine was still alive 500 ms after the timeout: stop the work\
                        | LEAK
            a sandboxed run's leaks    | main returned, but the sender is blocked\\n\\nStill running:\\n\
            goroutine 2 [chan send]: | LEAK
            a race report's goroutines | race detected during execution of test\\nGoroutine 3 (running) created at:\
              | DATA_RACE
            an assertion               | counter ==> expected: <800000> but was: <251403>\
                                           | WRONG_RESULT
            """)
    void aFailedTestsKindComesFromItsMessage(String what, String message, FailureKind kind) {
        var test = new TestResult("t", "fail", message.replace("\\n", "\n"), "", null, 0, 1, "visible", List.of(), null,
                null, null, Verdict.FAIL, List.of(), null, List.of(), 1);

        assertEquals(kind, FailureKind.ofTest(test));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a kata folder not submitted  | missing: the submission has no exercises/counter/*.java\
                              | MISSING
            a checkout with no exercises | not graded: no exercises/ folder in the submission\
                                    | MISSING
            a batch's time limit         | not graded: the submission's time limit of 2m ran out\
                               | TIMEOUT
            """)
    void aKataThatCouldNotBeGradedGetsItsKindFromItsMessage(String what, String message, FailureKind kind) {
        assertEquals(kind, FailureKind.ofKataError(KataResult.error("counter", "Counter", 10, message)));
    }
}

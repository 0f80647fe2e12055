package dev.gokata.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A parameterized test's invocations that failed alike are told once, named together. */
class FailureMessagesTest {

    @Test
    void givenInvocationsThatFailedAlike_whenListed_thenOneMessageNamesThemAllInThePlaceOfTheFirst() {
        var messages = new FailureMessages();
        messages.addInvocation("0 values", "panic: runtime error\n\ngoroutine 1 [running]:\n");
        messages.addInvocation("1 values", "expected <[0]> but was <[]>");
        messages.addInvocation("6 values", "panic: runtime error\n\ngoroutine 1 [running]:");
        messages.add("the test JVM ended");

        assertEquals(List.of("0 values, 6 values: panic: runtime error\n\ngoroutine 1 [running]:",
                "1 values: expected <[0]> but was <[]>", "the test JVM ended"), messages.list());
    }

    @Test
    void givenTheSameFailureOfTheWholeTestTwice_whenListed_thenItIsToldOnce() {
        var messages = new FailureMessages();
        messages.add("not run: the test JVM ended before this test");
        messages.add("not run: the test JVM ended before this test\n");

        assertEquals(List.of("not run: the test JVM ended before this test"), messages.list());
    }
}

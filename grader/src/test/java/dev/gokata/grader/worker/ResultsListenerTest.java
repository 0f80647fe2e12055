package dev.gokata.grader.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** A failed assertion reads as the hidden test's own sentence, with JUnit's values only where they say something. */
class ResultsListenerTest {

    @Test
    void givenAFailedAssertTrueWithAMessage_whenDescribed_thenOnlyTheMessageIsShown() {
        var failure = assertThrows(AssertionError.class,
                () -> assertTrue(false, "serve(listener) did not return: return from the loop"));
        assertEquals("serve(listener) did not return: return from the loop", ResultsListener.describe(failure));
        var negated = assertThrows(AssertionError.class, () -> Assertions.assertFalse(true, "a line\nand another"));
        assertEquals("a line\nand another", ResultsListener.describe(negated));
    }

    @Test
    void givenAFailedAssertEqualsOrABareAssertTrue_whenDescribed_thenJUnitsValuesStay() {
        var equals = assertThrows(AssertionError.class, () -> assertEquals(5, 8, "thumbnails saved"));
        assertEquals("thumbnails saved ==> expected: <5> but was: <8>", ResultsListener.describe(equals));
        var bare = assertThrows(AssertionError.class, () -> assertTrue(false));
        assertEquals("expected: <true> but was: <false>", ResultsListener.describe(bare));
    }
}

package echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The second kata of the two-kata course: its tests must not run where an earlier kata's timers still fire. */
class EchoTest {
    @Test
    void echoesItsArgument() {
        assertEquals("hi", Echo.echo("hi"));
    }
}

package dev.gokata.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A thread-safe {@link PrintStream} that a kata's code prints to instead of System.out, and the lines it got:
 * for code that takes its output stream as a parameter, so tests need not capture System.out.
 */
public final class Lines {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** The stream to hand to the code under test. */
    public PrintStream out() {
        return out;
    }

    /** Every complete line printed so far, in order. */
    public List<String> lines() {
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8).lines().toList(); // both streams lock every write
    }
}

package dev.gokata.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Captures what a kata prints on {@code System.out}, because most of the course's programs show their result by
 * printing it. The capture replaces {@code System.out} for the JVM while the body runs, so goroutines the body
 * starts print into it too; it restores the previous stream in {@code finally}. Tests run one at a time, so the
 * global stream is not contended; lines a goroutine prints after the body returned are not captured (a kata that
 * joins its goroutines has printed everything by then).
 */
public final class Stdout {
    private Stdout() {
    }

    /** Runs {@code body} and returns the lines it printed, without line terminators. */
    public static List<String> capture(Runnable body) {
        return captureResult(() -> {
            body.run();
            return null;
        }).lines();
    }

    /** Runs {@code body} and returns both its result and the lines it printed. */
    public static <T> Captured<T> captureResult(Supplier<T> body) {
        var bytes = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        var capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        T value;
        try {
            value = body.get();
        } finally {
            System.setOut(previous);
            capture.flush();
        }
        return new Captured<>(value, lines(bytes.toString(StandardCharsets.UTF_8)));
    }

    /** Splits printed text into lines, dropping the empty string after a final line terminator. */
    public static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : text.lines().toList();
    }

    /** What a captured body returned and what it printed. */
    public record Captured<T>(T value, List<String> lines) {
    }
}

package dev.gokata.testkit;

import dev.gokata.runtime.Program;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Captures what a kata prints on {@code System.out}, because most of the course's programs show their result by
 * printing it. The capture replaces {@code System.out} for the JVM while the body runs, so goroutines the body
 * starts print into it too; it restores the previous stream in {@code finally}. Tests run one at a time, but a
 * goroutine that an earlier test leaked may still print (a timer's callback, a late sender): what a goroutine of
 * another program prints goes to the stream the capture replaced, so that it cannot change this test's verdict
 * ({@link Program#of}); a program the body runs in a sandbox of its own is not another ({@link Program#within}).
 * Lines a goroutine prints after the body returned are not captured (a kata that joins its goroutines has printed
 * everything by then).
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
        var capture = new PrintStream(new OfProgram(Program.of(Thread.currentThread()), bytes, previous), true,
                StandardCharsets.UTF_8);
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

    /**
     * Sends what threads of {@code program} (or of a program made within it), or of no program (a pool's worker),
     * write to {@code captured}, and what another program's threads write to {@code others}. With no program to
     * capture, it captures everything.
     */
    private static final class OfProgram extends OutputStream {
        private final Optional<Program> program;
        private final OutputStream captured;
        private final OutputStream others;

        OfProgram(Optional<Program> program, OutputStream captured, OutputStream others) {
            this.program = program;
            this.captured = captured;
            this.others = others;
        }

        @Override
        public void write(int b) throws IOException {
            target().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            captured.flush();
            others.flush();
        }

        /** Where the calling thread's bytes go: a PrintStream writes them in the thread that prints. */
        private OutputStream target() {
            var writer = Program.of(Thread.currentThread());
            boolean another = program.isPresent() && writer.isPresent() && !writer.get().within(program.get());
            return another ? others : captured;
        }
    }

    /** What a captured body returned and what it printed. */
    public record Captured<T>(T value, List<String> lines) {
    }
}

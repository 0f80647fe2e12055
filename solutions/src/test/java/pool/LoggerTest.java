package pool;

import static dev.gokata.runtime.Go.go;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.WaitGroup;
import dev.gokata.testkit.Stdout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the pool kata: sequential calls make one buffer (so it is taken from the pool and put back),
 * every line is {@code HH:MM:SS : value} with nothing left over from the previous line (so the buffer is reset),
 * and concurrent calls write intact lines with at most one buffer per goroutine.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/pool/}):
 * <ul>
 *   <li>the untouched starter: a new buffer per call;</li>
 *   <li>{@code never-resets}: the reused buffer still holds the previous lines;</li>
 *   <li>{@code never-returns}: the buffer is never put back, so the pool makes a new one every time.</li>
 * </ul>
 */
@Timeout(10)
class LoggerTest {
    private static final String LINE = "\\d{2}:\\d{2}:\\d{2} : debug-string\\d+";

    /** Logger that counts the buffers its pool's New function makes. */
    static final class Counted extends Logger {
        final AtomicInteger made = new AtomicInteger();

        @Override
        protected StringBuilder newBuffer() {
            made.incrementAndGet();
            return super.newBuffer();
        }
    }

    @Test
    void sequentialCallsReuseOneResetBuffer() {
        var logger = new Counted();
        var out = new ByteArrayOutputStream();
        var w = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<String> printed = Stdout.capture(() -> {
            for (int i = 1; i <= 5; i++) {
                logger.log(w, "debug-string" + i);
            }
        });
        List<String> lines = Stdout.lines(out.toString(StandardCharsets.UTF_8));
        assertEquals(5, lines.size(), "5 calls of log must write 5 lines, they wrote " + lines.size() + ": a reused"
                + " buffer still held the earlier lines; reset it (b.setLength(0)) after bufPool.get(); got " + lines);
        for (int i = 0; i < 5; i++) {
            assertTrue(lines.get(i).matches(LINE) && lines.get(i).endsWith("debug-string" + (i + 1)), "line "
                    + (i + 1) + " should be 'HH:MM:SS : debug-string" + (i + 1) + "' and nothing else: was the buffer"
                    + " reset (b.setLength(0)) after it came out of the pool? got " + lines.get(i));
        }
        assertEquals(1, logger.made.get(), "5 sequential calls of log made " + logger.made.get() + " buffers:"
                + " take the buffer with bufPool.get() and give it back with bufPool.put(b) once the line is"
                + " written, so the next call reuses it");
        assertEquals(List.of("allocate new bytes.Buffer"), printed, "the pool's New function runs once");
    }

    @Test
    void concurrentCallsWriteIntactLines() {
        var logger = new Counted();
        var out = new ByteArrayOutputStream();
        var w = new PrintStream(out, true, StandardCharsets.UTF_8);
        int goroutines = 4;
        Stdout.capture(() -> {
            var wg = new WaitGroup();
            for (int g = 0; g < goroutines; g++) {
                int id = g;
                wg.add(1);
                go(() -> {
                    try {
                        for (int i = 0; i < 50; i++) {
                            logger.log(w, "debug-string" + id);
                        }
                    } finally {
                        wg.done();
                    }
                });
            }
            wg.await();
        });
        List<String> lines = Stdout.lines(out.toString(StandardCharsets.UTF_8));
        assertEquals(goroutines * 50, lines.size(), "4 goroutines logged 50 lines each, but " + lines.size()
                + " lines were written: is every buffer reset after bufPool.get()?");
        assertTrue(lines.stream().allMatch(l -> l.matches(LINE)), "every line is 'HH:MM:SS : debug-stringN';"
                + " a buffer shared by two goroutines at once mixes their lines: get a buffer per call from the pool");
        assertTrue(logger.made.get() <= goroutines, goroutines + " goroutines made " + logger.made.get() + " buffers:"
                + " at most one per goroutine when every buffer goes back to the pool");
    }
}

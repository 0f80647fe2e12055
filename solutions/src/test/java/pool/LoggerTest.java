package pool;

import static dev.gokata.runtime.Go.go;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.Pool;
import dev.gokata.runtime.WaitGroup;
import dev.gokata.testkit.Fields;
import dev.gokata.testkit.Stdout;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the pool kata: sequential calls make one buffer (so it is taken from the pool and put back), even
 * from goroutines that log one after another (so the buffers are shared by every goroutine),
 * every line is {@code HH:MM:SS : value} with nothing left over from the previous line (so the buffer is reset),
 * concurrent calls write intact lines with at most one buffer per goroutine, and a buffer is not handed out again
 * while its line is still being written.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/pool/}):
 * <ul>
 *   <li>the untouched starter: a new buffer per call;</li>
 *   <li>{@code never-resets}: the reused buffer still holds the previous lines;</li>
 *   <li>{@code never-returns}: the buffer is never put back, so the pool makes a new one every time;</li>
 *   <li>{@code put-before-print}: the buffer goes back to the pool before {@code w.print(b)} has read it, so a
 *       goroutine that logs meanwhile takes it and overwrites the line. The race detector cannot see this one (the
 *       read happens inside the JDK's {@code PrintStream}): a writer that lets another goroutine log before it
 *       reads the line shows it every time;</li>
 *   <li>{@code threadlocal-buffer}: a {@code ThreadLocal} buffer instead of the Pool: reused within a goroutine, but
 *       every goroutine makes one of its own, and none is ever handed to another goroutine.</li>
 *   <li>{@code new-instead-of-reset}: "resets" the buffer taken from the pool by replacing it with a new
 *       StringBuilder, and puts that one back: the pool's New function runs once, but every line allocates. After
 *       the sequential calls the test takes the buffer out of the Logger's Pool (found in its fields): it must be
 *       one that newBuffer made.</li>
 * </ul>
 */
@Timeout(10)
class LoggerTest {
    private static final String LINE = "\\d{2}:\\d{2}:\\d{2} : debug-string\\d+";

    /** Logger that counts the buffers its pool's New function makes. */
    static final class Counted extends Logger {
        final AtomicInteger made = new AtomicInteger();
        final Set<StringBuilder> buffers = Collections.synchronizedSet(Collections.newSetFromMap(
                new IdentityHashMap<>()));

        @Override
        protected StringBuilder newBuffer() {
            made.incrementAndGet();
            StringBuilder b = super.newBuffer();
            buffers.add(b);
            return b;
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
        for (Pool<StringBuilder> pool : poolsOf(logger)) {
            var pooled = new ArrayList<StringBuilder>();
            Stdout.capture(() -> pooled.add(pool.get()));
            pool.put(pooled.getFirst());
            assertTrue(logger.buffers.contains(pooled.getFirst()), "after 5 calls of log, the pool held a buffer"
                    + " that its New function (newBuffer) never made: log put back a new StringBuilder instead of the"
                    + " one it took (b = new StringBuilder(), or bufPool.put(new StringBuilder())), so every line"
                    + " still allocates a buffer. Reset the pooled buffer with b.setLength(0) and put that same"
                    + " buffer back");
        }
    }

    /** Every Pool that {@code logger} keeps in a field of Logger (pools of StringBuilder, as the kata asks). */
    @SuppressWarnings("unchecked")
    private static List<Pool<StringBuilder>> poolsOf(Logger logger) {
        return (List<Pool<StringBuilder>>) (List<?>) Fields.valuesOf(logger, Logger.class, Pool.class);
    }

    /**
     * Five goroutines log one after another, each starting once the previous one has ended (the first logs twice):
     * a Pool is shared by every goroutine, so the buffer the first one put back is the one every later one takes.
     */
    @Test
    void goroutinesThatLogOneAfterAnotherReuseOneBuffer() {
        var logger = new Counted();
        var out = new ByteArrayOutputStream();
        var w = new PrintStream(out, true, StandardCharsets.UTF_8);
        int goroutines = 5;
        var madeByTheFirst = new AtomicInteger();
        Stdout.capture(() -> {
            for (int g = 1; g <= goroutines; g++) {
                String val = "debug-string" + g;
                boolean first = g == 1;
                var wg = new WaitGroup();
                wg.add(1);
                go(() -> {
                    try {
                        logger.log(w, val);
                        if (first) {
                            logger.log(w, val);
                            madeByTheFirst.set(logger.made.get());
                        }
                    } finally {
                        wg.done();
                    }
                });
                wg.await();
            }
        });
        List<String> lines = Stdout.lines(out.toString(StandardCharsets.UTF_8));
        assertEquals(goroutines + 1, lines.size(), goroutines + " goroutines logged " + (goroutines + 1) + " lines;"
                + " got " + lines);
        assertEquals(1, logger.made.get(), goroutines + " goroutines that logged one after another made "
                + logger.made.get() + " buffers" + (madeByTheFirst.get() == 1
                        ? ": the first reused its own, but every later goroutine made a new one, although the first"
                                + " one's buffer was free. A buffer kept per goroutine (a ThreadLocal) is never reused"
                                + " by another goroutine, and goroutines are cheap and short-lived; share one Pool"
                                + " among them: bufPool.get(), and bufPool.put(b) once the line is written"
                        : ": take the buffer with bufPool.get() and give it back with bufPool.put(b) once the line is"
                                + " written, so that the next call, on any goroutine, reuses it"));
    }

    /** A writer that, the first time it is given a line, lets another goroutine log before it reads the line. */
    static final class Interleaving extends PrintStream {
        private final Logger logger;
        private final AtomicBoolean interleaved = new AtomicBoolean();

        Interleaving(Logger logger, OutputStream out) {
            super(out, true, StandardCharsets.UTF_8);
            this.logger = logger;
        }

        @Override
        public void print(Object obj) {
            interleave();
            super.print(obj);
        }

        @Override
        public void print(String s) {
            interleave();
            super.print(s);
        }

        @Override
        public void println(Object obj) { // before PrintStream's lock, which println holds while it calls print
            interleave();
            super.println(obj);
        }

        @Override
        public void println(String s) {
            interleave();
            super.println(s);
        }

        @Override
        public PrintStream append(CharSequence csq) {
            interleave();
            return super.append(csq);
        }

        @Override
        public PrintStream format(String format, Object... args) {
            interleave();
            return super.format(format, args);
        }

        @Override
        public void write(byte[] buf, int off, int len) { // w.write(bytes), and every print's bytes on their way out
            interleave();
            super.write(buf, off, len);
        }

        private void interleave() {
            if (interleaved.compareAndSet(false, true)) {
                var wg = new WaitGroup();
                wg.add(1);
                go(() -> {
                    try {
                        logger.log(this, "debug-string2");
                    } finally {
                        wg.done();
                    }
                });
                wg.await();
            }
        }
    }

    @Test
    void aBufferIsNotHandedOutAgainWhileItsLineIsWritten() {
        var logger = new Logger();
        var out = new ByteArrayOutputStream();
        Stdout.capture(() -> logger.log(new Interleaving(logger, out), "debug-string1"));
        List<String> values = Stdout.lines(out.toString(StandardCharsets.UTF_8)).stream()
                .map(l -> l.replaceFirst("^.* : ", "")).toList();
        assertEquals(List.of("debug-string2", "debug-string1"), values, values.contains("debug-string1")
                ? "another goroutine logged debug-string2 while log was writing debug-string1: both lines are written,"
                        + " each as it was logged"
                : "debug-string1 was lost: its buffer was handed to another goroutine while it was still in use"
                        + " (w.print(b) had not read it yet), and that goroutine wrote debug-string2 into it. Put the"
                        + " buffer back only after its last use: bufPool.put(b) after w.print(b)");
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

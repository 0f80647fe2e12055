package crawler;

import dev.gokata.runtime.Goroutine;
import dev.gokata.testkit.Goroutines;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An output for crawl that holds back every line ended by a goroutine other than crawl's own until crawl has
 * returned or {@code hold} has passed, and counts the lines that were ended after crawl returned: a crawl that waits
 * for whoever prints cannot return while a line is held, so it has none; one that does not returns meanwhile.
 *
 * <p>Implementation note: a line ends with a write that holds a line separator (a whole {@code println}, or the
 * {@code %n} of a {@code printf}); the hold is a poll with the runtime's sleep, so the deadlock detector sees a
 * sleeper. {@code bytes} is guarded by this object's monitor, taken only to write, never while holding.
 */
final class HeldLines extends OutputStream {
    private final Goroutine crawler;
    private final Duration hold;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(); // guarded by this
    private final AtomicInteger late = new AtomicInteger();
    private final PrintStream out = new PrintStream(this, true, StandardCharsets.UTF_8);
    private volatile boolean returned;

    /** Holds the lines of every goroutine but {@code crawler}, the one that calls crawl, for up to {@code hold}. */
    HeldLines(Goroutine crawler, Duration hold) {
        this.crawler = crawler;
        this.hold = hold;
    }

    /** The stream to hand to crawl. */
    PrintStream out() {
        return out;
    }

    /** Tells the held lines that crawl has returned. */
    void crawlReturned() {
        returned = true;
    }

    /** How many lines were ended after crawl had returned. */
    int late() {
        return late.get();
    }

    /** Every complete line printed so far, in order. */
    synchronized List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        boolean endsALine = new String(b, off, len, StandardCharsets.UTF_8).contains(System.lineSeparator());
        if (endsALine && Goroutine.current() != crawler) {
            Goroutines.pollUntil(() -> returned, hold);
        }
        synchronized (this) {
            bytes.write(b, off, len);
        }
        if (endsALine && returned) {
            late.incrementAndGet();
        }
    }
}

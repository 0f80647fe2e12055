package dev.gokata.grader.classroom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process's output and keeps only its last bytes, so a submission that floods standard output costs the
 * batch some CPU and a fixed amount of memory, never a full pipe (which would stall the process) or a full disk.
 *
 * <p>Concurrency: one thread drains ({@link #drain}); others read {@link #text()} after it returned or at any time.
 * Guarded by {@code this}: {@code ring}, {@code next}, {@code total}.
 */
final class OutputTail {

    private final byte[] ring;
    private int next;
    private long total;

    OutputTail(int capacity) {
        ring = new byte[capacity];
    }

    /** Reads {@code in} to its end, keeping the last bytes. */
    void drain(InputStream in) {
        var buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                append(buffer, n);
            }
        } catch (IOException e) {
            // the process was killed or closed its output: what was read is all there is
        }
    }

    private synchronized void append(byte[] bytes, int n) {
        for (int i = 0; i < n; i++) {
            ring[next] = bytes[i];
            next = (next + 1) % ring.length;
        }
        total += n;
    }

    /** How many bytes the process wrote in all. */
    synchronized long total() {
        return total;
    }

    /** The last bytes written, as text; "[... N bytes cut]" first when there were more. */
    synchronized String text() {
        int kept = (int) Math.min(total, ring.length);
        var bytes = new byte[kept];
        int start = (int) ((next - kept + ring.length) % ring.length);
        for (int i = 0; i < kept; i++) {
            bytes[i] = ring[(start + i) % ring.length];
        }
        var text = new String(bytes, StandardCharsets.UTF_8);
        return total > kept ? "[... " + (total - kept) + " bytes cut]\n" + text : text;
    }
}

package dev.gokata.grader.worker;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The worker's {@code System.out} and {@code System.err}: everything printed while a test runs (by the test or any
 * goroutine) goes into that test's buffer, up to a cap; the rest is counted and dropped, so an output flood costs
 * neither memory nor the host's time.
 *
 * <p>Implementation note: every field is guarded by this object's monitor; writes are short copies, so holding it
 * while a goroutine prints never blocks for long. Tests run one at a time, so one buffer at a time is current.
 */
final class CapturedOutput extends OutputStream {
    private final int cap;
    private ByteArrayOutputStream current = new ByteArrayOutputStream(); // guarded by this
    private long dropped; // guarded by this

    CapturedOutput(int cap) {
        this.cap = cap;
    }

    @Override
    public synchronized void write(int b) {
        if (current.size() < cap) {
            current.write(b);
        } else {
            dropped++;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = Math.max(0, cap - current.size());
        int keep = Math.min(room, len);
        current.write(b, off, keep);
        dropped += len - keep;
    }

    /** Returns what was printed since the last call, with a note if some was dropped, and starts a new buffer. */
    synchronized String take() {
        String text = current.toString(StandardCharsets.UTF_8);
        if (dropped > 0) {
            text += "\n[output truncated: " + dropped + " more bytes after the first " + (cap / 1024) + " KiB]\n";
        }
        current = new ByteArrayOutputStream();
        dropped = 0;
        return text;
    }
}

package dev.gokata.grader.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a child process's stream to its end, keeping at most {@code cap} bytes: a child that floods its output
 * can neither block on a full pipe nor fill the grader's memory.
 *
 * <p>Implementation note: one thread runs {@link #drain}; {@link #text()} is called after that thread was joined
 * (or may see a prefix); every field is guarded by this object's monitor.
 */
final class CappedBuffer {
    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream(); // guarded by this
    private long dropped; // guarded by this

    CappedBuffer(int cap) {
        this.cap = cap;
    }

    void drain(InputStream in) {
        var buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                synchronized (this) {
                    int keep = Math.min(n, Math.max(0, cap - kept.size()));
                    kept.write(buf, 0, keep);
                    dropped += n - keep;
                }
            }
        } catch (IOException e) {
            // the child was killed: what was read is what there is
        }
    }

    synchronized String text() {
        String s = kept.toString(StandardCharsets.UTF_8);
        return dropped == 0 ? s : s + "\n[output truncated: " + dropped + " more bytes]\n";
    }
}

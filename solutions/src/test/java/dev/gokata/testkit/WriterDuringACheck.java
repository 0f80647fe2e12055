package dev.gokata.testkit;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Goroutine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * A writer that comes while a Cond's waiter checks its condition, to tell whether the waiter holds the lock then: a
 * waiter's first check starts the writer in a goroutine and returns only once that writer has finished or waits (for
 * the lock). A waiter that holds the lock keeps the writer out until {@code c.await()} releases it; one that checks
 * without the lock lets it write and wake nobody, a lost wake-up.
 */
public final class WriterDuringACheck {
    private final AtomicBoolean checked = new AtomicBoolean();
    private final AtomicBoolean wroteDuringTheCheck = new AtomicBoolean();
    private final AtomicReference<Goroutine> writer = new AtomicReference<>();

    /** Call from the waiter's condition check: on the first call only, runs {@code write} as described above. */
    public void onCheck(Runnable write) {
        if (checked.compareAndSet(false, true)) {
            Goroutine w = go(write);
            writer.set(w);
            Awaitility.await("the writer writes, or waits for the lock").atMost(Duration.ofSeconds(2))
                    .until(() -> w.finished() || w.waitReason().isPresent());
            wroteDuringTheCheck.set(w.finished());
        }
    }

    /** Whether the waiter checked its condition at all. */
    public boolean checked() {
        return checked.get();
    }

    /** Whether the writer wrote while the waiter was checking: the waiter did not hold the lock. */
    public boolean wroteDuringTheCheck() {
        return wroteDuringTheCheck.get();
    }

    /** Waits until the writer, if one was started, has ended. */
    public void awaitWriterEnded() {
        Goroutine w = writer.get();
        if (w != null) {
            Awaitility.await("the writer ends").atMost(Duration.ofSeconds(2)).until(w::finished);
        }
    }
}

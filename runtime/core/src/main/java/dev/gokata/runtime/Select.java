package dev.gokata.runtime;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Go's {@code select} statement, built case by case and run once:
 * <pre>{@code
 * Select.select()
 *     .recv(ch1, m -> System.out.println(m))
 *     .send(out, v, () -> sent++)
 *     .after(Duration.ofMillis(100), () -> System.out.println("timeout"))
 *     .run();
 * }</pre>
 * Among ready cases one is chosen uniformly at random; with {@link #orDefault} the select never blocks; a nil
 * channel's case is never ready; a select with no cases blocks forever.
 * TODO(runtime-channels): the selectgo implementation; this is the agreed public surface.
 */
public final class Select {

    private Select() {
    }

    /** Starts a new select statement. */
    public static Select select() {
        return new Select();
    }

    /** A case {@code case v := <-ch:}; {@code then} gets the value (null once the channel is closed and drained). */
    public <T> Select recv(RecvChan<T> ch, Consumer<? super T> then) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** A case {@code case v, ok := <-ch:}. */
    public <T> Select recvOk(RecvChan<T> ch, Consumer<Received<T>> then) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** A case {@code case ch <- value:}; sending on a closed channel panics as a send does. */
    public <T> Select send(SendChan<T> ch, T value, Runnable then) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** A case {@code case <-time.After(d):}, ready once {@code d} has passed since {@link #run} started. */
    public Select after(Duration d, Runnable then) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The {@code default:} case: runs when no other case is ready, so the select never blocks. */
    public Select orDefault(Runnable then) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Waits until one case can proceed, performs it, then runs that case's body. */
    public void run() {
        throw new UnsupportedOperationException("not built yet");
    }
}

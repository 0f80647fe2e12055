package dev.gokata.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Go's {@code context.Context}: carries a deadline, a cancellation signal and request-scoped values across API
 * boundaries and goroutines. Cancelling a parent cancels its children; cancel is idempotent.
 * TODO(runtime-sync): the implementations; this is the agreed surface.
 */
public interface Context {

    /** A channel closed when this context is done; a nil channel for a context that can never be cancelled. */
    RecvChan<Void> done();

    /** Empty while not done; then {@link ContextError#CANCELED} or {@link ContextError#DEADLINE_EXCEEDED}. */
    Optional<ContextError> err();

    /** The time at which this context will be cancelled, if any. */
    Optional<Instant> deadline();

    /** The value stored under {@code key} here or in an ancestor, compared with equals. */
    Optional<Object> value(Object key);

    /** The root context: never cancelled, no values, no deadline. */
    static Context background() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Like background, for code that does not know yet which context to use. */
    static Context todo() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** A child of {@code parent} that is cancelled when its cancel is called or the parent is done. */
    static CancelableContext withCancel(Context parent) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** A child of {@code parent} cancelled at {@code deadline} with {@code context deadline exceeded}. */
    static CancelableContext withDeadline(Context parent, Instant deadline) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** {@code withDeadline(parent, now + timeout)}. */
    static CancelableContext withTimeout(Context parent, Duration timeout) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** A child of {@code parent} that carries {@code value} under {@code key}. */
    static Context withValue(Context parent, Object key, Object value) {
        throw new UnsupportedOperationException("not built yet");
    }
}

package dev.gokata.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Go's {@code context.Context}: carries a deadline, a cancellation signal and request-scoped values across API
 * boundaries and goroutines. Cancelling a parent cancels its children; cancel is idempotent.
 *
 * <p>The implementations are package-private: {@code EmptyContext} (background, TODO), {@code CancelContext}
 * (withCancel, withDeadline, withTimeout) and {@code ValueContext} (withValue). Every factory panics with
 * {@code cannot create context from nil parent} on a null parent, as Go does.
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
        return EmptyContext.BACKGROUND;
    }

    /** Like background, for code that does not know yet which context to use. */
    static Context todo() {
        return EmptyContext.TODO;
    }

    /** A child of {@code parent} that is cancelled when its cancel is called or the parent is done. */
    static CancelableContext withCancel(Context parent) {
        return CancelContext.withCancel(parent);
    }

    /** A child of {@code parent} cancelled at {@code deadline} with {@code context deadline exceeded}. */
    static CancelableContext withDeadline(Context parent, Instant deadline) {
        return CancelContext.withDeadline(parent, deadline);
    }

    /** {@code withDeadline(parent, now + timeout)}. */
    static CancelableContext withTimeout(Context parent, Duration timeout) {
        return CancelContext.withDeadline(parent, Instant.now().plus(timeout));
    }

    /**
     * A child of {@code parent} that carries {@code value} under {@code key}; @throws GoPanic {@code nil key}.
     * Use a key of a private type (a private record or sentinel object), so no other code can collide with it.
     */
    static Context withValue(Context parent, Object key, Object value) {
        return new ValueContext(parent, key, value);
    }
}

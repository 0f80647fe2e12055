package dev.gokata.runtime;

/** The error a {@link Context} reports once done: {@link #CANCELED} or {@link #DEADLINE_EXCEEDED}, with Go's text. */
public final class ContextError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Go's {@code context.Canceled}. */
    public static final ContextError CANCELED = new ContextError("context canceled");
    /** Go's {@code context.DeadlineExceeded}. */
    public static final ContextError DEADLINE_EXCEEDED = new ContextError("context deadline exceeded");

    private ContextError(String message) {
        super(message, null, false, false);
    }
}

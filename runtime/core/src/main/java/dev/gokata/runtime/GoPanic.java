package dev.gokata.runtime;

/**
 * A Go panic: misuse of the runtime that Go reports with {@code panic: <message>}, such as
 * {@code send on closed channel}. The message is Go's exact text.
 */
public class GoPanic extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GoPanic(String message) {
        super(message);
    }
}

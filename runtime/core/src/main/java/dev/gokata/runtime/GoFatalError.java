package dev.gokata.runtime;

/**
 * A Go fatal error, which no recover() could catch in Go, such as {@code fatal error: sync: unlock of unlocked mutex}.
 * The message is Go's text without the {@code fatal error: } prefix.
 */
public class GoFatalError extends Error {
    private static final long serialVersionUID = 1L;

    public GoFatalError(String message) {
        super(message);
    }
}

package dev.gokata.runtime;

/**
 * The result of Go's two-value receive {@code v, ok := <-ch}; {@code ok} is false once the channel is closed and
 * drained.
 */
public record Received<T>(T value, boolean ok) {
}

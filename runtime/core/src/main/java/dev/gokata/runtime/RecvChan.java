package dev.gokata.runtime;

/**
 * The receive-only view of a channel, Go's {@code <-chan T}: it can receive and range, and cannot send or close.
 * A for-each loop over it is Go's {@code for v := range ch}: it ends when the channel is closed and drained.
 */
public interface RecvChan<T> extends Iterable<T> {
    /**
     * Receives a value, blocking until one is available. On a closed, drained channel returns null (Go's zero
     * value) at once; on a nil channel blocks forever. Not interruptible, as in Go.
     */
    T recv();

    /** Go's {@code v, ok := <-ch}: ok is false when the value is the zero value of a closed, drained channel. */
    Received<T> recvOk();

    /** The number of values in the buffer now. */
    int len();

    /** The buffer's capacity; 0 for an unbuffered or nil channel. */
    int cap();
}

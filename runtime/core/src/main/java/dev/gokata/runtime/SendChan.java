package dev.gokata.runtime;

/** The send-only view of a channel, Go's {@code chan<- T}: it can send and close, and cannot receive. */
public interface SendChan<T> {
    /**
     * Sends {@code value}, blocking until a receiver takes it (unbuffered) or the buffer has room. Blocks forever
     * on a nil channel. Not interruptible, as in Go.
     *
     * @throws GoPanic {@code send on closed channel}
     */
    void send(T value);

    /**
     * Closes the channel: receivers drain the buffer, then receive the zero value (null) with ok=false.
     *
     * @throws GoPanic {@code close of closed channel}, {@code close of nil channel}
     */
    void close();

    /** The number of values in the buffer now. */
    int len();

    /** The buffer's capacity; 0 for an unbuffered or nil channel. */
    int cap();
}

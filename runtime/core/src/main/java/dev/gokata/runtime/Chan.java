package dev.gokata.runtime;

import java.util.Iterator;

/**
 * A Go channel: unbuffered, buffered or nil, with Go's semantics and panics.
 * TODO(runtime-channels): the hchan implementation; this is the agreed public surface.
 */
public final class Chan<T> implements SendChan<T>, RecvChan<T> {

    private Chan() {
    }

    /** An unbuffered channel, Go's {@code make(chan T)}. */
    public static <T> Chan<T> make() {
        return make(0);
    }

    /** A channel with a buffer of {@code capacity} values, Go's {@code make(chan T, capacity)}. */
    public static <T> Chan<T> make(int capacity) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** A nil channel, Go's {@code var ch chan T}: sends and receives block forever, close panics. */
    public static <T> Chan<T> nil() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** This channel seen as send-only, Go's {@code chan<- T}. */
    public SendChan<T> sendOnly() {
        return this;
    }

    /** This channel seen as receive-only, Go's {@code <-chan T}. */
    public RecvChan<T> recvOnly() {
        return this;
    }

    @Override
    public void send(T value) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public T recv() {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Received<T> recvOk() {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public int len() {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public int cap() {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Iterator<T> iterator() {
        throw new UnsupportedOperationException("not built yet");
    }
}

package buffered;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.RecvChan;
import dev.gokata.runtime.SendChan;

/** Kata "A buffered channel": a buffer lets the producer send without waiting for the consumer. */
public final class Buffered {
    private Buffered() {
    }

    /**
     * The channel between {@link #produce} and {@link #consume}: the producer must be able to send all
     * {@code count} values with no consumer running.
     */
    public static Chan<Integer> newChannel(int count) {
        return Chan.make(count);
    }

    /**
     * Sends 0, 1, ..., count-1 on {@code ch}, printing {@code Sending: i} before each send; closes {@code ch} at the
     * end.
     */
    public static void produce(SendChan<Integer> ch, int count) {
        try {
            for (int i = 0; i < count; i++) {
                System.out.println("Sending: " + i);
                ch.send(i);
            }
        } finally {
            ch.close();
        }
    }

    /** Prints {@code Received: v} for every value received on {@code ch}, until it is closed. */
    public static void consume(RecvChan<Integer> ch) {
        for (int v : ch) {
            System.out.println("Received: " + v);
        }
    }

    public static void main(String[] args) {
        Chan<Integer> ch = newChannel(6);
        go(() -> produce(ch, 6));
        consume(ch);
    }
}

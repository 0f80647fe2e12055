package rangechan;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.RecvChan;
import dev.gokata.runtime.SendChan;

/** Kata "Range over a closed channel": the sender closes the channel, so the receiver's range loop ends. */
public final class Range {
    private Range() {
    }

    /** Sends 0, 1, ..., n-1 on {@code ch}, then tells the receivers that no more values will come. */
    public static void send(SendChan<Integer> ch, int n) {
        for (int i = 0; i < n; i++) {
            // TODO: send i over the channel
        }
        // TODO: tell the receivers that no more values will come
    }

    /** Prints every value received on {@code ch}, one per line, until the sender says there are no more. */
    public static void printAll(RecvChan<Integer> ch) {
        // TODO: range over the channel to receive the values, and print each one
    }

    public static void main(String[] args) {
        Chan<Integer> ch = Chan.make();
        go(() -> send(ch, 6));
        printAll(ch);
    }
}

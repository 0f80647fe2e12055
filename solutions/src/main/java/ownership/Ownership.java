package ownership;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.RecvChan;

/** Kata "Channel ownership": the goroutine that creates a channel writes to it and closes it; others only read. */
public final class Ownership {
    private Ownership() {
    }

    /**
     * The owner: creates a channel, starts a goroutine that sends 0, 1, ..., n-1 on it and closes it when done, and
     * returns at once, handing out the channel for reading only.
     */
    public static RecvChan<Integer> owner(int n) {
        Chan<Integer> ch = Chan.make();
        go(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    ch.send(i);
                }
            } finally {
                ch.close();
            }
        });
        return ch.recvOnly();
    }

    /**
     * A utilizer: prints {@code Received: v} for every value until the channel is closed, then {@code Done receiving!}.
     */
    public static void consumer(RecvChan<Integer> ch) {
        for (int v : ch) {
            System.out.println("Received: " + v);
        }
        System.out.println("Done receiving!");
    }

    public static void main(String[] args) {
        consumer(owner(6));
    }
}

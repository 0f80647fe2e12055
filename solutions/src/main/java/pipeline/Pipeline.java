package pipeline;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.RecvChan;

/**
 * The pipeline generator() -> square() -> print. Each stage owns its outbound channel: it makes it, is the only
 * one to send on it, and closes it when all its sends are done; it returns the receive-only view, so no one else
 * can send or close.
 */
public final class Pipeline {
    private Pipeline() {
    }

    /**
     * The first stage: returns a channel at once, and sends {@code nums} on it in order from a goroutine, then
     * closes it.
     */
    public static RecvChan<Integer> generator(int... nums) {
        Chan<Integer> out = Chan.make();
        go(() -> {
            for (int n : nums) {
                out.send(n);
            }
            out.close();
        });
        return out.recvOnly();
    }

    /**
     * A stage: returns a channel at once, and from a goroutine sends the square of every number received on
     * {@code in}, in order; closes it when {@code in} is closed.
     */
    public static RecvChan<Integer> square(RecvChan<Integer> in) {
        Chan<Integer> out = Chan.make();
        go(() -> {
            for (int n : in) {
                out.send(n * n);
            }
            out.close();
        });
        return out.recvOnly();
    }

    /** Prints 16 and 81: the squares of the squares of 2 and 3. */
    public static void main(String[] args) {
        for (int n : square(square(generator(2, 3)))) {
            System.out.println(n);
        }
    }
}

package channel;

import static dev.gokata.runtime.Go.go;

import java.util.function.IntBinaryOperator;

/** Kata "A result out of a goroutine": a goroutine computes a value, and a channel carries it back to the caller. */
public final class Compute {
    private Compute() {
    }

    /**
     * Computes {@code op(a, b)} in a new goroutine and returns that goroutine's result. The caller must wait for the
     * result, however long {@code op} takes, and must share no variable with the goroutine.
     */
    public static int compute(IntBinaryOperator op, int a, int b) {
        go(() -> {
            int c = op.applyAsInt(a, b);
            // TODO: send c back to the caller through a channel (Chan.make(), then ch.send(c))
        });
        // TODO: receive the value the goroutine sends and return it
        return 0;
    }

    public static void main(String[] args) {
        System.out.println("computed value " + compute(Integer::sum, 1, 2));
    }
}

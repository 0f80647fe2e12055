package withcancel;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Context;
import dev.gokata.runtime.RecvChan;

/**
 * A generator of integers in a separate goroutine. Its callers cancel it once they have consumed the 5th value, so
 * that the goroutine started by gen is not leaked.
 */
public final class Generator {
    private Generator() {
    }

    /** Sends 1, 2, 3, ... on the returned channel until {@code ctx} is done; then closes it. */
    public static RecvChan<Integer> gen(Context ctx) {
        Chan<Integer> dst = Chan.make();
        go(() -> {
            // TODO: stop when ctx is done: select between sending n and receiving from ctx.done(),
            // and close dst on the way out.
            for (int n = 1; ; n++) {
                dst.send(n);
            }
        });
        return dst.recvOnly();
    }

    /** Prints 1 to 5, then cancels the generator, which ends. */
    public static void main(String[] args) {
        // TODO: create a cancellable context with Context.withCancel(Context.background()), pass it to gen,
        // and cancel it after the 5th value.
        for (int n : gen(Context.background())) {
            System.out.println(n);
            if (n == 5) {
                break;
            }
        }
    }
}

package withcancel;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.CancelableContext;
import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Context;
import dev.gokata.runtime.RecvChan;
import dev.gokata.runtime.Select;

/**
 * A generator of integers that stops when its context is cancelled.
 *
 * <p>Implementation note: the generator's goroutine selects between sending the next integer and
 * {@code ctx.done()}; once the context is cancelled and no one is receiving, only the done case is ready, so it
 * returns, closing its channel on the way out (Go's {@code defer close(dst)}).
 */
public final class Generator {
    private Generator() {
    }

    /** Sends 1, 2, 3, ... on the returned channel until {@code ctx} is done; then closes it. */
    public static RecvChan<Integer> gen(Context ctx) {
        Chan<Integer> dst = Chan.make();
        go(() -> {
            try {
                boolean[] cancelled = {false};
                for (int n = 1; !cancelled[0]; ) {
                    int next = n;
                    boolean[] sent = {false};
                    Select.select()
                            .send(dst, next, () -> sent[0] = true)
                            .recv(ctx.done(), x -> cancelled[0] = true)
                            .run();
                    if (sent[0]) {
                        n++;
                    }
                }
            } finally {
                dst.close();
            }
        });
        return dst.recvOnly();
    }

    /** Prints 1 to 5, then cancels the generator, which ends. */
    public static void main(String[] args) {
        CancelableContext ctx = Context.withCancel(Context.background());
        try {
            for (int n : gen(ctx)) {
                System.out.println(n);
                if (n == 5) {
                    break;
                }
            }
        } finally {
            ctx.cancel();
        }
    }
}

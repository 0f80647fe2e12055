package cancellation;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.RecvChan;
import dev.gokata.runtime.Select;
import dev.gokata.runtime.WaitGroup;

/**
 * The generator -> 2 x square -> merge pipeline, cancellable: every stage takes a {@code done} channel first and
 * gives up as soon as it is closed, so a consumer that stops early leaks no goroutine.
 *
 * <p>Implementation note: every send is a select between the send and {@code <-done}; a stage returns as soon as
 * {@code done} is closed. Closing {@code done} is a broadcast: every goroutine blocked in such a select wakes at
 * once, with no per-goroutine signal. Each stage still closes its own outbound channel on the way out (in a
 * {@code finally}, Go's {@code defer close(out)}), so a downstream stage ranging over it ends too.
 */
public final class Cancellation {
    private Cancellation() {
    }

    /** Sends {@code nums} in order on the returned channel until {@code done} is closed; then closes it. */
    public static RecvChan<Integer> generator(RecvChan<Void> done, int... nums) {
        Chan<Integer> out = Chan.make();
        go(() -> {
            try {
                for (int n : nums) {
                    if (!send(done, out, n)) {
                        return;
                    }
                }
            } finally {
                out.close();
            }
        });
        return out.recvOnly();
    }

    /** Sends the square of every number received on {@code in} until {@code in} or {@code done} is closed. */
    public static RecvChan<Integer> square(RecvChan<Void> done, RecvChan<Integer> in) {
        Chan<Integer> out = Chan.make();
        go(() -> {
            try {
                for (int n : in) {
                    if (!send(done, out, n * n)) {
                        return;
                    }
                }
            } finally {
                out.close();
            }
        });
        return out.recvOnly();
    }

    /** Fan-in: forwards every value of {@code cs} until they are all closed or {@code done} is. */
    @SafeVarargs
    public static RecvChan<Integer> merge(RecvChan<Void> done, RecvChan<Integer>... cs) {
        Chan<Integer> out = Chan.make();
        var wg = new WaitGroup();
        wg.add(cs.length);
        for (RecvChan<Integer> c : cs) {
            go(() -> {
                try {
                    for (Integer n : c) {
                        if (!send(done, out, n)) {
                            return;
                        }
                    }
                } finally {
                    wg.done();
                }
            });
        }
        go(() -> {
            wg.await();
            out.close();
        });
        return out.recvOnly();
    }

    /** Sends {@code v} on {@code out} unless {@code done} is closed first; false if it was. */
    private static <T> boolean send(RecvChan<Void> done, Chan<T> out, T v) {
        boolean[] sent = {false};
        Select.select()
                .send(out, v, () -> sent[0] = true)
                .recv(done, x -> { })
                .run();
        return sent[0];
    }

    /**
     * Builds generator(nums) -> 2 x square -> merge, takes the first value, cancels the whole pipeline and returns
     * that value. Every goroutine of the pipeline ends soon after.
     */
    public static int first(int... nums) {
        Chan<Void> done = Chan.make();
        try {
            RecvChan<Integer> in = generator(done, nums);
            RecvChan<Integer> out = merge(done, square(done, in), square(done, in));
            return out.recv();
        } finally {
            done.close();
        }
    }

    /** Prints the first square of 2 and 3 (4 or 9), and leaves no goroutine behind. */
    public static void main(String[] args) {
        System.out.println(first(2, 3));
    }
}

package cancellation;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.RecvChan;
import dev.gokata.runtime.WaitGroup;

/**
 * The generator -> 2 x square -> merge pipeline, whose consumer wants only the first value. As written, every
 * goroutine still holding a value stays blocked on its send for ever: a goroutine leak.
 * Make every stage give up when {@code done} is closed, and make {@link #first} close it.
 */
public final class Cancellation {
    private Cancellation() {
    }

    /** Sends {@code nums} in order on the returned channel until {@code done} is closed; then closes it. */
    public static RecvChan<Integer> generator(RecvChan<Void> done, int... nums) {
        Chan<Integer> out = Chan.make();
        go(() -> {
            for (int n : nums) {
                out.send(n); // TODO: give up when done is closed
            }
            out.close();
        });
        return out.recvOnly();
    }

    /** Sends the square of every number received on {@code in} until {@code in} or {@code done} is closed. */
    public static RecvChan<Integer> square(RecvChan<Void> done, RecvChan<Integer> in) {
        Chan<Integer> out = Chan.make();
        go(() -> {
            for (int n : in) {
                out.send(n * n); // TODO: give up when done is closed
            }
            out.close();
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
                for (Integer n : c) {
                    out.send(n); // TODO: give up when done is closed
                }
                wg.done();
            });
        }
        go(() -> {
            wg.await();
            out.close();
        });
        return out.recvOnly();
    }

    /**
     * Builds generator(nums) -> 2 x square -> merge, takes the first value, cancels the whole pipeline and returns
     * that value. Every goroutine of the pipeline ends soon after.
     */
    public static int first(int... nums) {
        Chan<Void> done = Chan.make();
        RecvChan<Integer> in = generator(done, nums);
        RecvChan<Integer> out = merge(done, square(done, in), square(done, in));
        return out.recv();
        // TODO: cancel the goroutines after receiving one value: close done, even if something above throws.
    }

    /** Prints the first square of 2 and 3 (4 or 9), and leaves no goroutine behind. */
    public static void main(String[] args) {
        System.out.println(first(2, 3));
    }
}

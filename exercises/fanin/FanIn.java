package fanin;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.RecvChan;

/**
 * Fan-out and fan-in: run two square stages that read the same input (fan-out), and write merge, which funnels
 * their outputs into one channel (fan-in). generator and square are given.
 */
public final class FanIn {
    private FanIn() {
    }

    /** Sends {@code nums} in order on the returned channel from a goroutine, then closes it. */
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

    /** Sends the square of every number received on {@code in}, from a goroutine; closes when {@code in} closes. */
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

    /**
     * Fan-in: returns a channel that receives every value sent on any of {@code cs}, as soon as it is sent, and is
     * closed once all of {@code cs} are closed (at once when there are none).
     */
    @SafeVarargs
    public static RecvChan<Integer> merge(RecvChan<Integer>... cs) {
        // TODO: Implement fan-in: a goroutine per input that forwards its values to one output channel, and
        // close the output once every input is closed and forwarded (a WaitGroup and one more goroutine).
        throw new UnsupportedOperationException("TODO: merge");
    }

    /** Prints 4 and 9, in either order. */
    public static void main(String[] args) {
        RecvChan<Integer> in = generator(2, 3);
        // TODO: fan out the square stage to run two instances that read from in.
        // TODO: fan in the results with merge, and print every value.
    }
}

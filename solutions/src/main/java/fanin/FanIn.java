package fanin;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.RecvChan;
import dev.gokata.runtime.WaitGroup;

/**
 * Fan-out and fan-in: two square stages read the same input (fan-out), and merge funnels their outputs into one
 * channel (fan-in).
 *
 * <p>Implementation note (merge): one forwarding goroutine per input ranges over it and sends each value on
 * {@code out}; a WaitGroup counts the forwarders still running, and a closer goroutine waits for it and closes
 * {@code out}, so {@code out} is closed exactly once, after every input is closed and every value forwarded.
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
        Chan<Integer> out = Chan.make();
        var wg = new WaitGroup();
        wg.add(cs.length);
        for (RecvChan<Integer> c : cs) {
            go(() -> {
                for (Integer n : c) {
                    out.send(n);
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

    /** Prints 4 and 9, in either order. */
    public static void main(String[] args) {
        RecvChan<Integer> in = generator(2, 3);
        // fan out: two square stages read from the same channel
        RecvChan<Integer> c1 = square(in);
        RecvChan<Integer> c2 = square(in);
        // fan in
        for (int n : merge(c1, c2)) {
            System.out.println(n);
        }
    }
}

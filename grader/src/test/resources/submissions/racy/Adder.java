package adder;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;

/** Racy: both goroutines add into one unguarded field; the sum is usually right, the race is always there. */
public final class Adder {
    private static int total;

    private Adder() {
    }

    public static int sum(int[] xs) {
        total = 0;
        Chan<Boolean> done = Chan.make();
        int mid = xs.length / 2;
        go(() -> {
            total += add(xs, 0, mid);
            done.send(true);
        });
        go(() -> {
            total += add(xs, mid, xs.length);
            done.send(true);
        });
        done.recv();
        done.recv();
        return total;
    }

    private static int add(int[] xs, int from, int to) {
        int s = 0;
        for (int i = from; i < to; i++) {
            s += xs[i];
        }
        return s;
    }
}

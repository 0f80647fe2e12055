package adder;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;

/** Leaks: a third goroutine sends on a channel nobody receives from, and blocks forever. */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        Chan<Integer> partial = Chan.make();
        int mid = xs.length / 2;
        go(() -> partial.send(add(xs, 0, mid)));
        go(() -> partial.send(add(xs, mid, xs.length)));
        Chan<Integer> nobody = Chan.make();
        go(() -> nobody.send(0));
        return partial.recv() + partial.recv();
    }

    private static int add(int[] xs, int from, int to) {
        int s = 0;
        for (int i = from; i < to; i++) {
            s += xs[i];
        }
        return s;
    }
}

package adder;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;

/** Right answer, but prints a flood of debugging output first. */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        for (int i = 0; i < 200_000; i++) {
            System.out.println("debug: still adding, line " + i);
        }
        Chan<Integer> partial = Chan.make();
        int mid = xs.length / 2;
        go(() -> partial.send(add(xs, 0, mid)));
        go(() -> partial.send(add(xs, mid, xs.length)));
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

package adder;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;

/** Sums an array in two goroutines. */
public final class Adder {
    private Adder() {
    }

    /** The sum of {@code xs}, each half added in its own goroutine. */
    public static int sum(int[] xs) {
        Chan<Integer> partial = Chan.make();
        int mid = xs.length / 2;
        go(() -> partial.send(Numbers.add(xs, 0, mid)));
        go(() -> partial.send(Numbers.add(xs, mid, xs.length)));
        return partial.recv() + partial.recv();
    }

    public static void main(String[] args) {
        System.out.println(sum(new int[] {1, 2, 3, 4}));
    }
}

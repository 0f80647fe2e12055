package adder;

import static dev.gokata.runtime.Go.go;

/**
 * Right sums, but each call leaves a goroutine that computes on and never parks, and prints how many times sum was
 * called in this JVM: a fresh JVM for each test says "call 1".
 */
public final class Adder {
    private static int calls;

    private Adder() {
    }

    public static int sum(int[] xs) {
        System.out.println("call " + ++calls);
        go(() -> {
            while (true) {
                Thread.onSpinWait();
            }
        });
        int s = 0;
        for (int x : xs) {
            s += x;
        }
        return s;
    }
}

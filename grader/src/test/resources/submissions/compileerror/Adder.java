package adder;

/** Does not compile: a missing semicolon and an unknown name. */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        int total = 0
        for (int x : xs) {
            totl += x;
        }
        return total;
    }
}

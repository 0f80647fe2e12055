package adder;

/** Changed the signature the tests call: returns long instead of int. */
public final class Adder {
    private Adder() {
    }

    public static long sum(int[] xs) {
        long total = 0;
        for (int x : xs) {
            total += x;
        }
        return total;
    }
}

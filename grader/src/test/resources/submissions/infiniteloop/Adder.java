package adder;

/** Never returns: a loop whose condition never turns false. */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        int total = 0;
        while (xs != null) {
            total++;
        }
        return total;
    }
}

package adder;

/** Ends the JVM instead of returning. */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        System.exit(3);
        return 0;
    }
}

package adder;

/** Hostile: ends the test JVM at once, without shutdown hooks. */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        Runtime.getRuntime().halt(4);
        return 0;
    }
}

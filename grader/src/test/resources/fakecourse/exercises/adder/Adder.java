package adder;

/** Sums an array in two goroutines. */
public final class Adder {
    private Adder() {
    }

    /** The sum of {@code xs}, each half added in its own goroutine. */
    public static int sum(int[] xs) {
        // TODO: add each half in a goroutine, send both partial sums on a channel, receive them both
        return 0;
    }

    public static void main(String[] args) {
        System.out.println(sum(new int[] {1, 2, 3, 4}));
    }
}

package adder;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything it makes: runs out of memory. */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        List<long[]> hoard = new ArrayList<>();
        while (true) {
            hoard.add(new long[1 << 20]);
        }
    }
}

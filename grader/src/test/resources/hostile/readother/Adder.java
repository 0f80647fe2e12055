package adder;

import java.nio.file.Files;
import java.nio.file.Path;

/** Hostile: copies a classmate's submission out of the batch folder, and lists the folders around its own. */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        var escaped = new StringBuilder();
        try {
            String stolen = Files.readString(Path.of("@OTHER@"));
            escaped.append("read ").append(stolen.length()).append(" chars; ");
        } catch (Exception e) {
            // expected: the classmate's folder is not there
        }
        try (var list = Files.list(Path.of("@OTHER@").getParent().getParent())) {
            escaped.append("listed ").append(list.toList()).append("; ");
        } catch (Exception e) {
            // expected
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

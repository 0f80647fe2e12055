package adder;

import java.nio.file.Files;
import java.nio.file.Path;

/** Hostile: reads the hidden tests' sources and the reference solution's class file. */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        var escaped = new StringBuilder();
        for (String secret : new String[] {"@PRIVATE_SRC@", "@SOLUTION_CLASS@"}) {
            try {
                byte[] stolen = Files.readAllBytes(Path.of(secret));
                escaped.append("read ").append(stolen.length).append(" bytes of ").append(secret).append("; ");
            } catch (Exception e) {
                // expected: neither is in the sandbox
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

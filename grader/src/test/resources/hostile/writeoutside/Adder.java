package adder;

import java.nio.file.Files;
import java.nio.file.Path;

/** Hostile: writes outside its scratch folder: next to its own classes, into the course, into the home folder. */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        var escaped = new StringBuilder();
        var own = Path.of(Adder.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        for (var target : new Path[] {own.resolve("planted.txt"), Path.of("@COURSE@", "planted.txt"),
                Path.of("@EXERCISES@", "adder", "planted.txt"), Path.of("@HOME@", "planted.txt"),
                Path.of("/planted.txt"), Path.of("/usr/planted.txt"), Path.of("/etc/planted.txt")}) {
            try {
                Files.writeString(target, "planted");
                escaped.append("wrote ").append(target).append("; ");
            } catch (Exception e) {
                // expected: read-only or not there
            }
        }
        try {
            Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "scratch.txt"), "allowed");
        } catch (Exception e) {
            throw new IllegalStateException("the scratch folder is not writable: " + e, e);
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

package adder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Hostile: tries to lift its own sandbox's limits (threads, CPU time, file size) with prlimit. */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        var escaped = new StringBuilder();
        String before = limits();
        try {
            var p = new ProcessBuilder("/usr/bin/prlimit", "--pid", Long.toString(ProcessHandle.current().pid()),
                    "--nproc=unlimited:unlimited", "--cpu=unlimited:unlimited", "--fsize=unlimited:unlimited")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // expected to fail one way or another
        }
        String after = limits();
        if (!after.equals(before)) {
            escaped.append("limits changed from\n").append(before).append("\nto\n").append(after);
        }
        if (!before.contains("Max processes") || before.matches("(?s).*Max processes\\s+unlimited.*")) {
            escaped.append("no thread limit: ").append(before);
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

    private static String limits() {
        try {
            return Files.readString(Path.of("/proc/self/limits"));
        } catch (Exception e) {
            return "unreadable: " + e;
        }
    }
}

package dev.gokata.grader.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * The student's terminal for {@code gokata watch}: single keys without Enter when there is a terminal
 * ({@code stty -icanon -echo}, restored on close), plain lines otherwise (a pipe, an IDE console).
 */
final class Terminal implements AutoCloseable {
    private final String saved;

    private Terminal(String saved) {
        this.saved = saved;
    }

    /** Puts the terminal in single-key mode if there is one. */
    static Terminal open() {
        if (System.console() == null) {
            return new Terminal(null);
        }
        String saved = stty("-g");
        if (saved == null) {
            return new Terminal(null);
        }
        stty("-icanon", "-echo", "min", "1");
        return new Terminal(saved.strip());
    }

    /** True when keys arrive one by one (no Enter needed). */
    boolean singleKeys() {
        return saved != null;
    }

    /** Reads the next key (or the first character of the next line); -1 at the end of input. */
    int readKey(InputStream in) throws IOException {
        int c = in.read();
        if (saved == null) {
            while (c == '\n' || c == '\r' || c == ' ') {
                c = in.read();
            }
        }
        return c;
    }

    @Override
    public void close() {
        if (saved != null) {
            stty(saved);
        }
    }

    private static String stty(String... args) {
        var cmd = new java.util.ArrayList<String>();
        cmd.add("stty");
        cmd.addAll(java.util.List.of(args));
        try {
            var p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

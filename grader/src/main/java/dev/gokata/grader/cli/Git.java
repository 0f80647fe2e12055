package dev.gokata.grader.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of git in the course's folder: its exit status, what it printed, and what it said on stderr. */
record Git(int status, byte[] bytes, String text, String err) {

    /** Runs {@code git -C root args...} with nothing on its standard input. */
    static Git run(Path root, String... args) throws IOException, InterruptedException {
        var cmd = new ArrayList<>(List.of("git", "-C", root.toString()));
        cmd.addAll(List.of(args));
        var p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        var err = new ByteArrayOutputStream();
        Thread drain = Thread.ofVirtual().start(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException e) {
                // git ended
            }
        });
        byte[] bytes = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        drain.join();
        return new Git(p.waitFor(), bytes, new String(bytes, StandardCharsets.UTF_8), err.toString());
    }

    boolean ok() {
        return status == 0;
    }
}

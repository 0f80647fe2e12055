package dev.gokata.runtime.race;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sync primitives' race-detector hooks, checked against the real detector: {@link SyncEdgesMain} runs in a
 * child JVM with {@code -Dgokata.race=true} (the detector is a JVM-wide constant, off in this one).
 */
@Timeout(120)
class SyncEdgesTest {

    @Test
    void givenEachSyncPrimitive_whenItOrdersTwoGoroutines_thenTheDetectorSeesItsEdge() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(List.of(java, "-Dgokata.race=true", "-cp",
                System.getProperty("java.class.path"), SyncEdgesMain.class.getName()))
                .redirectErrorStream(true)
                .start();
        try {
            boolean ended = process.waitFor(100, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(true, ended, "the child JVM did not end:\n" + output);
            assertEquals("OK", output.strip(), output);
            assertEquals(0, process.exitValue(), output);
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }
}

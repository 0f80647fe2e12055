package dev.gokata.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@link GoRun}, the runtime's {@code go run}, in a child JVM of its own, as {@code gokata run} starts it. */
@Timeout(60)
class GoRunTest {

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "destroy() sends no signal there: the process just ends")
    void givenAProgramThatHangsWithoutADeadlock_whenItIsStopped_thenItPrintsWhereEachGoroutineWaits(@TempDir Path dir)
            throws Exception {
        Path errors = dir.resolve("stderr.txt"); // a file: destroy() closes the process's pipes
        var process = goRun(errors);
        try {
            assertEquals("ready", firstLine(process), "the program reached its wait");

            process.destroy(); // SIGTERM; Ctrl-C's SIGINT takes the same path

            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the program ended");
            String stderr = Files.readString(errors);
            assertTrue(stderr.startsWith("\nsignal: terminated\n\ngoroutine 1 [chan receive]:\n"
                    + "dev.gokata.runtime.HangsMain.main(...)\n\tHangsMain.java:28\n"), stderr);
            assertTrue(stderr.contains("\ngoroutine 2 [sleep]:\n"), stderr);
            assertEquals(128 + 15, process.exitValue(), "the status of a process that SIGTERM ended");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void givenAProgramThatCallsSystemExit_whenItExits_thenNothingIsPrinted(@TempDir Path dir) throws Exception {
        Path errors = dir.resolve("stderr.txt");
        var process = goRun(errors, "exit");
        try {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the program ended");
            assertEquals("", Files.readString(errors), "as Go's os.Exit: no dump");
            assertEquals(3, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }

    private static Process goRun(Path errors, String... args) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                JvmOptions.OPEN_JAVA_LANG, "-cp", System.getProperty("java.class.path"), GoRun.class.getName(),
                HangsMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(errors.toFile()).start();
    }

    private static String firstLine(Process process) throws IOException {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }
}

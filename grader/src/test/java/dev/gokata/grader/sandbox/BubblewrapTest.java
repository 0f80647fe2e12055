package dev.gokata.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's mechanisms one by one, with shell commands instead of a test JVM. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BubblewrapTest {

    private record Ran(int status, String output) {
    }

    private static Sandbox sandbox(SandboxPolicy policy) {
        var box = Bubblewrap.detect(policy);
        assumeTrue(box.isolated(), () -> "skipped: " + box.describe());
        return box;
    }

    private static Ran run(Sandbox box, String script, List<Path> readOnly, List<Path> writable)
            throws IOException, InterruptedException {
        var cmd = box.wrap(List.of("/bin/sh", "-c", script),
                new Sandbox.View(readOnly, writable, Duration.ofSeconds(30)));
        var p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the sandboxed command did not end");
        return new Ran(p.exitValue(), out);
    }

    @Test
    void givenASpinningProcess_whenItPassesTheCpuLimit_thenTheKernelStopsItAndTheStatusNamesTheLimit()
            throws Exception {
        var policy = SandboxPolicy.defaults().withCpuTime(Duration.ofSeconds(1));
        var ran = run(sandbox(policy), "while :; do :; done", List.of(), List.of());
        assertTrue(ran.status() == SandboxPolicy.SIGXCPU_STATUS || ran.status() == SandboxPolicy.SIGKILL_STATUS,
                "status " + ran.status() + ": " + ran.output());
        var why = policy.limitHit(ran.status(), Duration.ofSeconds(30));
        assertTrue(why.orElseThrow().startsWith("the test JVM was stopped at the CPU-time limit of 1s"), why.get());
    }

    @Test
    void givenTheSandbox_whenListingIt_thenOnlyTheBoundPathsAndLoopbackAreThere(@TempDir Path dir) throws Exception {
        var visible = Files.createDirectories(dir.resolve("visible"));
        Files.writeString(visible.resolve("a.txt"), "seen");
        var hidden = Files.createDirectories(dir.resolve("hidden"));
        Files.writeString(hidden.resolve("b.txt"), "unseen");
        var results = Files.writeString(dir.resolve("results.jsonl"), "");
        var ran = run(sandbox(SandboxPolicy.defaults()), "cat " + visible + "/a.txt; echo; ls " + hidden + " 2>&1;"
                + " cat /proc/net/dev; echo x > " + visible + "/c.txt 2>&1 || echo read-only; echo written > " + results
                + "; echo scratch > /tmp/s && cat /tmp/s; grep 'Max processes' /proc/self/limits",
                List.of(visible), List.of(results));
        assertEquals(0, ran.status(), ran.output());
        assertTrue(ran.output().startsWith("seen\n"), ran.output());
        assertTrue(ran.output().contains("No such file or directory"), ran.output());
        assertTrue(ran.output().contains("lo:"), ran.output());
        assertFalse(ran.output().lines().anyMatch(l -> l.matches("\\s*(eth|en|wl|docker|veth|br)\\w*:.*")),
                ran.output());
        assertTrue(ran.output().contains("read-only"), ran.output());
        assertTrue(ran.output().contains("scratch\n"), ran.output());
        assertTrue(ran.output().matches("(?s).*Max processes\\s+512\\s+512.*"), ran.output());
        assertEquals("written\n", Files.readString(results));
        assertFalse(Files.exists(visible.resolve("c.txt")));
    }

    @Test
    void givenOff_whenChoosing_thenNoSandboxSaysItWasTurnedOff() {
        var box = Sandbox.choose(Sandbox.Mode.OFF, SandboxPolicy.defaults());
        assertFalse(box.isolated());
        assertTrue(box.describe().startsWith("no sandbox: turned off"), box.describe());
        assertEquals(List.of("java", "-version"), box.wrap(List.of("java", "-version"),
                new Sandbox.View(List.of(), List.of(), Duration.ofSeconds(1))));
    }
}

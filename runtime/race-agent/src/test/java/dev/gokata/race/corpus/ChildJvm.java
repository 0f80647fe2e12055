package dev.gokata.race.corpus;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Starts a JVM with the race agent on this test's classpath. The agent is the packaged, shaded jar when
 * {@code -Dgokata.race.agentJar=...} names one; otherwise (in the {@code test} phase, before {@code package}) a
 * manifest-only jar whose {@code Premain-Class} is found in {@code target/classes}, with ASM from the classpath.
 */
final class ChildJvm {
    /** What the child printed, and how it ended. */
    record Result(int exitCode, String out, String err) {
    }

    private ChildJvm() {
    }

    static Path corpusClasses() {
        try {
            return Path.of(CorpusRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path agentJar() throws IOException {
        String packaged = System.getProperty("gokata.race.agentJar");
        if (packaged != null && Files.isRegularFile(Path.of(packaged))) {
            return Path.of(packaged);
        }
        Path jar = Files.createTempFile("gokata-race-agent", ".jar");
        jar.toFile().deleteOnExit();
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", "dev.gokata.race.agent.RaceAgent");
        try (OutputStream out = Files.newOutputStream(jar); var j = new JarOutputStream(out, manifest)) {
            j.flush();
        }
        return jar;
    }

    /** Runs {@code mainClass} with the agent instrumenting the corpus classes, race detection on or off. */
    static Result run(boolean race, long timeoutSeconds, String mainClass, String... args)
            throws IOException, InterruptedException {
        return run(race, List.of(), timeoutSeconds, mainClass, args);
    }

    /** As {@link #run(boolean, long, String, String...)}, with more options for the child JVM. */
    static Result run(boolean race, List<String> jvmOptions, long timeoutSeconds, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-javaagent:" + agentJar() + "=" + corpusClasses());
        cmd.add("-Dgokata.race=" + race);
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("child", ".out");
        Path err = Files.createTempFile("child", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("child JVM timed out after " + timeoutSeconds + " s: " + cmd
                        + "\n" + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

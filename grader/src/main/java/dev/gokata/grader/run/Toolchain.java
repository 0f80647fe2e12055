package dev.gokata.grader.run;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * The JDK and jars the grader hands to the code it grades: the {@code java} launcher for worker JVMs, the runtime
 * jar students compile against, the libraries the hidden tests use, and the race agent when it can be loaded.
 *
 * @param java      the {@code java} executable for child JVMs
 * @param classpath the grader's own class path: the runtime, JUnit, jqwik, Awaitility, Jackson, the worker
 * @param raceAgent the race-detector agent jar, if it is on the class path and has its {@code Premain-Class}
 */
public record Toolchain(Path java, List<Path> classpath, Optional<Path> raceAgent) {

    public Toolchain {
        classpath = List.copyOf(classpath);
    }

    /**
     * The toolchain of this JVM: its own {@code java} (or {@code -Dgokata.java.home}) and class path. The environment
     * variable {@code GOKATA_RACE=off} leaves the race detector out: only for measuring what it costs
     * (docs/race-detector.md); grading is always done with it.
     */
    public static Toolchain current() {
        String home = System.getProperty("gokata.java.home", System.getProperty("java.home"));
        Path java = Path.of(home, "bin", "java");
        var entries = new ArrayList<Path>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(Path.of(e).toAbsolutePath());
            }
        }
        var expanded = expandManifestOnlyJar(entries);
        boolean raceOff = "off".equals(System.getenv("GOKATA_RACE"));
        return new Toolchain(java, expanded,
                raceOff ? Optional.empty() : expanded.stream().filter(Toolchain::isRaceAgent).findFirst());
    }

    /** The runtime jar (or classes folder) students compile against. */
    public List<Path> compileClasspath() {
        try {
            return List.of(Path.of(dev.gokata.runtime.Go.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the runtime jar", e);
        }
    }

    /** True when the class path is all jars, so a worker's classes can come from a class-data-sharing archive. */
    public boolean allJars() {
        return classpath.stream().allMatch(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p));
    }

    /** A short hash of the class path's entries, sizes and times: a class-data-sharing archive fits only these jars. */
    public String fingerprint() {
        int h = java.hashCode();
        for (Path p : classpath) {
            try {
                h = 31 * h + Objects.hash(p, Files.size(p), Files.getLastModifiedTime(p));
            } catch (IOException e) {
                h = 31 * h + p.hashCode();
            }
        }
        return Integer.toHexString(h);
    }

    /** The runtime plus the test libraries: what hidden tests compile against. */
    public List<Path> testCompileClasspath() {
        return classpath;
    }

    /** Surefire may start tests with a jar whose manifest holds the real class path; unfold it. */
    private static List<Path> expandManifestOnlyJar(List<Path> entries) {
        if (entries.size() != 1 || !entries.getFirst().toString().endsWith(".jar")) {
            return entries;
        }
        try (var jar = new JarFile(entries.getFirst().toFile())) {
            var manifest = jar.getManifest();
            String cp = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (cp == null || cp.isBlank()) {
                return entries;
            }
            var out = new ArrayList<Path>();
            for (String u : cp.trim().split("\\s+")) {
                out.add(Path.of(URI.create(u.startsWith("file:") ? u : "file:" + u)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isRaceAgent(Path p) {
        if (!p.getFileName().toString().startsWith("gokata-race-agent") || !Files.isRegularFile(p)) {
            return false;
        }
        try (var jar = new JarFile(p.toFile())) {
            var manifest = jar.getManifest();
            String premain = manifest == null ? null : manifest.getMainAttributes().getValue("Premain-Class");
            return premain != null && jar.getEntry(premain.replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            return false;
        }
    }
}

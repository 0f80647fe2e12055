package dev.gokata.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one workload of gokata from two builds of the runtime alternately in one JVM, each build's benchmarks jar in a
 * class loader of its own, and prints each one's median and the ratio new / old: how a change moved a workload,
 * measured as {@link Paired} measures gokata against jox. {@code bin/bench-ab.sh} builds the two revisions and runs
 * it in several JVMs (docs/benchmarks.md).
 *
 * <pre>java -cp new.jar dev.gokata.bench.PairedBuilds select-2-16 9 old.jar new.jar</pre>
 */
public final class PairedBuilds {
    private PairedBuilds() {
    }

    public static void main(String[] args) throws Exception {
        var w = Workload.fromArgs(args, 4, "PairedBuilds WORKLOAD ROUNDS OLD_JAR NEW_JAR");
        var turns = List.of(Paired.timed(w, sideOf(Path.of(args[2]), w.name())),
                Paired.timed(w, sideOf(Path.of(args[3]), w.name())));
        var rounds = Paired.rounds(Integer.parseInt(args[1]), turns);
        System.out.println(rounds.line(w.name(), "old", "new", 1));
    }

    /** gokata's side of {@code workload} as the build in {@code jar} runs it: its own runtime, its own benchmarks. */
    private static Paired.Side sideOf(Path jar, String workload) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no benchmarks jar at " + jar + ": build it with -Pbench first");
        }
        var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> paired;
        try {
            paired = loader.loadClass(Paired.class.getName());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("the build in " + jar + " has no " + Paired.class.getName()
                    + " (it came with commit d04363c): compare later revisions");
        }
        Method run = paired.getDeclaredMethod("run", String.class, String.class);
        run.setAccessible(true);
        return () -> {
            try {
                return (Integer) run.invoke(null, workload, "gokata");
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        };
    }
}

package dev.gokata.runtime;

import java.util.List;

/**
 * The JVM options the runtime runs best under, in one place: the grader starts its JVMs with {@link #ALL}, the
 * benchmarks' JMH annotations name them one by one (an annotation needs a constant), and the build and the scripts,
 * which cannot read a Java constant, keep a copy each (the parent pom's {@code gokata.jvm}, {@code bin/jdk25.sh}),
 * which a test checks against this list. Without them the runtime is correct and slower.
 */
public final class JvmOptions {
    /**
     * Lets goroutines run on the runtime's own carrier pool ({@link Scheduler}): the JDK builds a virtual thread on
     * a pool of the caller's choosing only through a builder it keeps private. Without it, they run on the JDK's.
     */
    public static final String OPEN_JAVA_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    /**
     * Keeps the JDK from adding every virtual thread to a concurrent set of its own, kept for
     * {@code jcmd Thread.dump_to_file}, and removing it again at its end: the runtime's registry already lists the
     * goroutines for Go's dumps, and that set's add and remove, contended by every carrier, were a fifth of the time
     * of a burst of short goroutines (docs/benchmarks.md). The JDK then only counts such threads.
     */
    public static final String UNTRACKED_VIRTUAL_THREADS = "-Djdk.trackAllThreads=false";
    /** All of them, in the order a command line takes them. */
    public static final List<String> ALL = List.of(OPEN_JAVA_LANG, UNTRACKED_VIRTUAL_THREADS);

    private JvmOptions() {
    }
}

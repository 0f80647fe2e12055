package dev.gokata.bench;

import java.util.List;
import java.util.Optional;

/**
 * One workload of the paired measurements ({@link Paired}, {@link PairedBuilds}, {@link PairedGo}): its name (the
 * JMH benchmark method with its parameters after it, {@code spsc-16}), one run of the benchmark method for an
 * implementation, and the pattern that picks Go's matching benchmark in runtime/bench/go. Every workload is named
 * here and only here.
 */
record Workload(String name, Run run, String goBenchmark) {

    /** Runs the workload once for an implementation ({@code gokata} or {@code jox}); returns its operations. */
    interface Run {
        int once(String impl) throws InterruptedException;
    }

    /** Every workload, in the order the scripts run them. */
    static final List<Workload> ALL = List.of(
            new Workload("pingPong", impl -> {
                var s = new ChannelBench.PingPong();
                s.impl = impl;
                new ChannelBench().pingPong(s);
                return ChannelBench.ROUND_TRIPS;
            }, "^BenchmarkPingPong$"),
            spsc(0), spsc(16), spsc(1024), mpmc8x8(0), mpmc8x8(16),
            new Workload("parallel10k", impl -> {
                var s = new ChannelBench.Parallel();
                s.pipe = impl + "-16";
                new ChannelBench().parallel10k(s);
                return ChannelBench.PAIRS * ChannelBench.PER_PAIR;
            }, "^BenchmarkParallel10k$"),
            select(2, 0), select(2, 16), select(4, 0), select(4, 16),
            nonBlocking("selectDefault2", SelectBench::selectDefault2, SelectBench.DEFAULT_SELECTS,
                    "^BenchmarkSelectDefault2$"),
            nonBlocking("selectReady2", SelectBench::selectReady2, SelectBench.READY_SELECTS,
                    "^BenchmarkSelectReady2$"),
            spawning("spawn100k", SpawnBench::spawn100k, "^BenchmarkSpawn100k$"),
            spawning("spawnFirst100k", SpawnBench::spawnFirst100k, "^BenchmarkSpawnFirst100k$"),
            new Workload("spawnOnly", impl -> {
                var s = new SpawnBench.SpawnOnly();
                s.impl = impl.equals("jox") ? "vt" : impl; // jox has no goroutines: plain virtual threads stand in
                new SpawnBench().spawnOnly(s);
                return 1;
            }, "^BenchmarkSpawnOnly$"));

    /** The workload called {@code name}, if there is one. */
    static Optional<Workload> named(String name) {
        return ALL.stream().filter(w -> w.name.equals(name)).findFirst();
    }

    /**
     * The workload named by {@code args[0]} when there are {@code arity} arguments; otherwise prints
     * "usage: {@code usage}, WORKLOAD one of ..." and ends the JVM with status 2 (the mains of the paired runs).
     */
    static Workload fromArgs(String[] args, int arity, String usage) {
        return fromArgs(args, arity, arity, usage);
    }

    /** As {@link #fromArgs(String[], int, String)}, for a main that takes {@code fewest} to {@code most} arguments. */
    static Workload fromArgs(String[] args, int fewest, int most, String usage) {
        var workload = args.length >= fewest && args.length <= most ? named(args[0]) : Optional.<Workload>empty();
        if (workload.isEmpty()) {
            System.err.println("usage: " + usage + ", WORKLOAD one of " + names());
            System.exit(2);
        }
        return workload.get();
    }

    /** The names of all workloads, for usage messages and {@code Paired list}. */
    static List<String> names() {
        return ALL.stream().map(Workload::name).toList();
    }

    /** The nanoseconds in the unit of the workload's score: ns per operation, but ms per batch for spawn. */
    double nanosPerUnit() {
        return spawns() ? 1e6 : 1;
    }

    /** Whether this is a spawning workload, whose one operation is a batch of {@code SpawnBench.GOROUTINES}. */
    boolean spawns() {
        return name.startsWith("spawn");
    }

    private static Workload spsc(int capacity) {
        return new Workload("spsc-" + capacity, impl -> {
            var s = new ChannelBench.Spsc();
            s.pipe = impl + "-" + capacity;
            new ChannelBench().spsc(s);
            return ChannelBench.ELEMENTS;
        }, "^BenchmarkSpsc$/^cap" + capacity + "$");
    }

    private static Workload mpmc8x8(int capacity) {
        return new Workload("mpmc8x8-" + capacity, impl -> {
            var s = new ChannelBench.Mpmc();
            s.pipe = impl + "-" + capacity;
            new ChannelBench().mpmc8x8(s);
            return ChannelBench.ELEMENTS;
        }, "^BenchmarkMpmc8x8$/^cap" + capacity + "$");
    }

    /** A spawning benchmark of {@code SpawnBench}: one operation is a batch of {@code SpawnBench.GOROUTINES}. */
    private static Workload spawning(String name, SpawnBatch bench, String goBenchmark) {
        return new Workload(name, impl -> {
            var s = new SpawnBench.Spawn();
            s.impl = impl;
            bench.run(new SpawnBench(), s);
            return 1;
        }, goBenchmark);
    }

    /** A benchmark method of {@code SpawnBench} over {@code SpawnBench.Spawn}. */
    private interface SpawnBatch {
        void run(SpawnBench bench, SpawnBench.Spawn state) throws InterruptedException;
    }

    /** A select benchmark of one goroutine, whose state is {@code SelectBench.NonBlocking}. */
    private static Workload nonBlocking(String name, NonBlockingBench bench, int operations, String goBenchmark) {
        return new Workload(name, impl -> {
            var s = new SelectBench.NonBlocking();
            s.impl = impl;
            bench.run(new SelectBench(), s);
            return operations;
        }, goBenchmark);
    }

    /** A benchmark method of {@code SelectBench} over {@code SelectBench.NonBlocking}. */
    private interface NonBlockingBench {
        void run(SelectBench bench, SelectBench.NonBlocking state) throws InterruptedException;
    }

    private static Workload select(int cases, int capacity) {
        return new Workload("select-" + cases + "-" + capacity, impl -> {
            var s = new SelectBench.Blocking();
            s.impl = impl;
            s.cases = cases;
            s.cap = capacity;
            new SelectBench().select(s);
            return SelectBench.SELECTS;
        }, "^BenchmarkSelect$/^cases" + cases + "$/^cap" + capacity + "$");
    }
}

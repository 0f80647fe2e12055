package dev.gokata.bench;

import dev.gokata.runtime.JvmOptions;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Channel workloads of docs/benchmarks.md (the same as the runtime-perf study's): each invocation starts its own
 * virtual threads, moves a fixed number of values and joins them; the score is ns per value (per round trip for
 * ping-pong). All sends pass one cached boxed Integer, so no workload allocates values.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g", "-XX:+AlwaysPreTouch", JvmOptions.OPEN_JAVA_LANG,
        JvmOptions.UNTRACKED_VIRTUAL_THREADS})
public class ChannelBench {
    static final Integer VALUE = 42;
    static final int ROUND_TRIPS = 10_000;
    static final int ELEMENTS = 100_000;
    static final int PAIRS = 10_000;
    static final int PER_PAIR = 100;

    /** Two goroutines, two unbuffered channels; one op = one round trip (two hand-offs). */
    @State(Scope.Benchmark)
    public static class PingPong {
        @Param({"gokata", "jox", "sq"})
        public String impl;
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void pingPong(PingPong s) throws InterruptedException {
        Pipe ping = Pipe.of(s.impl, 0);
        Pipe pong = Pipe.of(s.impl, 0);
        VirtualThreads.runAll(s.impl, () -> {
            for (int i = 0; i < ROUND_TRIPS; i++) {
                ping.put(VALUE);
                pong.take();
            }
        }, () -> {
            for (int i = 0; i < ROUND_TRIPS; i++) {
                pong.put(ping.take());
            }
        });
    }

    /** One producer, one consumer, one channel; one op = one value. */
    @State(Scope.Benchmark)
    public static class Spsc {
        @Param({"gokata-0", "jox-0", "sq-0", "gokata-16", "jox-16", "abq-16", "gokata-1024", "jox-1024", "abq-1024"})
        public String pipe;
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public void spsc(Spsc s) throws InterruptedException {
        Pipe p = Pipe.of(s.pipe);
        VirtualThreads.runAll(s.pipe, () -> {
            for (int i = 0; i < ELEMENTS; i++) {
                p.put(VALUE);
            }
        }, () -> {
            for (int i = 0; i < ELEMENTS; i++) {
                p.take();
            }
        });
    }

    /** Eight producers and eight consumers on one channel; one op = one value. */
    @State(Scope.Benchmark)
    public static class Mpmc {
        @Param({"gokata-0", "jox-0", "sq-0", "gokata-16", "jox-16", "abq-16"})
        public String pipe;
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public void mpmc8x8(Mpmc s) throws InterruptedException {
        Pipe p = Pipe.of(s.pipe);
        int each = ELEMENTS / 8;
        var sides = new ArrayList<VirtualThreads.Side>();
        for (int k = 0; k < 8; k++) {
            sides.add(() -> {
                for (int i = 0; i < each; i++) {
                    p.put(VALUE);
                }
            });
            sides.add(() -> {
                for (int i = 0; i < each; i++) {
                    p.take();
                }
            });
        }
        VirtualThreads.runAll(s.pipe, sides);
    }

    /** 10 000 independent sender/receiver pairs, each on its own channel of capacity 16; one op = one value. */
    @State(Scope.Benchmark)
    public static class Parallel {
        @Param({"gokata-16", "jox-16", "abq-16"})
        public String pipe;
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS * PER_PAIR)
    public void parallel10k(Parallel s) throws InterruptedException {
        var sides = new ArrayList<VirtualThreads.Side>(2 * PAIRS);
        for (int k = 0; k < PAIRS; k++) {
            Pipe p = Pipe.of(s.pipe);
            sides.add(() -> {
                for (int i = 0; i < PER_PAIR; i++) {
                    p.put(VALUE);
                }
            });
            sides.add(() -> {
                for (int i = 0; i < PER_PAIR; i++) {
                    p.take();
                }
            });
        }
        VirtualThreads.runAll(s.pipe, sides);
    }
}

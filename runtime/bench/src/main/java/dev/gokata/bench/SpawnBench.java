package dev.gokata.bench;

import dev.gokata.runtime.Go;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Spawn 100 000 goroutines that each send once on a shared unbuffered channel and call done; a receiver goroutine
 * takes all values; one op = the whole batch (ms). {@code gokata} starts them with {@code Go.go} (goroutine
 * registry, creation site), {@code gokata-vt} with plain virtual threads, to separate the channel from the
 * goroutine bookkeeping. {@code spawnOnly} starts 100 000 goroutines whose body only counts down a latch, so the
 * cost of starting and ending a goroutine ({@code gokata}: {@code Go.go}) is measured alone against plain virtual
 * threads ({@code vt}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
public class SpawnBench {
    static final Integer VALUE = 42;
    static final int GOROUTINES = 100_000;

    @State(Scope.Benchmark)
    public static class Spawn {
        @Param({"gokata", "gokata-vt", "jox", "sq"})
        public String impl;
    }

    @State(Scope.Benchmark)
    public static class SpawnOnly {
        @Param({"gokata", "vt"})
        public String impl;
    }

    @Benchmark
    public void spawnOnly(SpawnOnly s) throws InterruptedException {
        boolean goroutines = s.impl.equals("gokata");
        var done = new CountDownLatch(GOROUTINES);
        Runnable body = done::countDown;
        VirtualThreads.runAll(() -> {
            for (int i = 0; i < GOROUTINES; i++) {
                if (goroutines) {
                    Go.go(body);
                } else {
                    Thread.ofVirtual().start(body);
                }
            }
            done.await();
        });
    }

    @Benchmark
    public void spawn100k(Spawn s) throws InterruptedException {
        boolean goroutines = s.impl.equals("gokata");
        Pipe p = Pipe.of(goroutines || s.impl.equals("gokata-vt") ? "gokata" : s.impl, 0);
        var done = new CountDownLatch(GOROUTINES);
        VirtualThreads.runAll(() -> {
            for (int i = 0; i < GOROUTINES; i++) {
                Runnable body = () -> {
                    try {
                        p.put(VALUE);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    done.countDown();
                };
                if (goroutines) {
                    Go.go(body);
                } else {
                    Thread.ofVirtual().start(body);
                }
            }
            done.await();
        }, () -> {
            for (int i = 0; i < GOROUTINES; i++) {
                p.take();
            }
        });
    }
}

package dev.gokata.bench;

import dev.gokata.runtime.Go;
import dev.gokata.runtime.JvmOptions;
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
 * cost of starting and ending a goroutine is measured alone: {@code gokata} writes the lambda in the
 * {@code go(...)} call as Go code does ({@code go func() { ... }()}), whose site {@code Go.go} proves once and
 * shares; {@code gokata-var} passes a {@code Runnable} variable, whose site is captured from the stack every time;
 * {@code vt} starts plain virtual threads. {@code spawnFirst100k} is the spawning workload of the shared reference
 * measurements and of issue #2's figures (Go 238-246 ms there): one goroutine starts all 100 000 first, each sends
 * once and calls done, and only then receives every value, so that every sender blocks before its value is taken.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g", "-XX:+AlwaysPreTouch", JvmOptions.OPEN_JAVA_LANG,
        JvmOptions.UNTRACKED_VIRTUAL_THREADS})
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
        @Param({"gokata", "gokata-var", "vt"})
        public String impl;
    }

    @Benchmark
    public void spawnOnly(SpawnOnly s) throws InterruptedException {
        var done = new CountDownLatch(GOROUTINES);
        Runnable body = done::countDown;
        VirtualThreads.runAll(s.impl, () -> {
            switch (s.impl) {
                case "gokata" -> {
                    for (int i = 0; i < GOROUTINES; i++) {
                        Go.go(done::countDown);
                    }
                }
                case "gokata-var" -> {
                    for (int i = 0; i < GOROUTINES; i++) {
                        Go.go(body);
                    }
                }
                default -> {
                    for (int i = 0; i < GOROUTINES; i++) {
                        Thread.ofVirtual().start(done::countDown);
                    }
                }
            }
            done.await();
        });
    }

    @Benchmark
    public void spawn100k(Spawn s) throws InterruptedException {
        var senders = new Senders(s.impl);
        VirtualThreads.runAll(s.impl, () -> {
            senders.start();
            senders.done.await();
        }, senders::receiveAll);
    }

    @Benchmark
    public void spawnFirst100k(Spawn s) throws InterruptedException {
        var senders = new Senders(s.impl);
        VirtualThreads.runAll(s.impl, () -> {
            senders.start();
            senders.receiveAll();
            senders.done.await();
        });
    }

    /** A spawning workload's senders: {@code GOROUTINES} of them, each sends once on {@code pipe} and counts down. */
    private record Senders(boolean goroutines, Pipe pipe, CountDownLatch done) {
        Senders(String impl) {
            this(impl.equals("gokata"), Pipe.of(impl.startsWith("gokata") ? "gokata" : impl, 0),
                    new CountDownLatch(GOROUTINES));
        }

        /** Starts every sender: goroutines for {@code gokata}, plain virtual threads for the others. */
        void start() {
            for (int i = 0; i < GOROUTINES; i++) {
                if (goroutines) {
                    Go.go(() -> sendAndDone(pipe, done));
                } else {
                    Thread.ofVirtual().start(() -> sendAndDone(pipe, done));
                }
            }
        }

        void receiveAll() throws InterruptedException {
            for (int i = 0; i < GOROUTINES; i++) {
                pipe.take();
            }
        }
    }

    static void sendAndDone(Pipe p, CountDownLatch done) {
        try {
            p.put(VALUE);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        done.countDown();
    }
}

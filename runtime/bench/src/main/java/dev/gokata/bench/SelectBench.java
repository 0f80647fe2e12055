package dev.gokata.bench;

import com.softwaremill.jox.Channel;
import com.softwaremill.jox.SelectClause;
import dev.gokata.runtime.Chan;
import dev.gokata.runtime.JvmOptions;
import dev.gokata.runtime.Select;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * Select workloads: a blocking select over k channels each fed by its own producer (one op = one select), and a
 * select with default over two empty channels (one op = one non-blocking select), and one goroutine that fills two
 * buffered channels and selects them empty (one op = one send plus one select whose cases are ready: the cost of
 * the select's ready path without a second core), all in virtual threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g", "-XX:+AlwaysPreTouch", JvmOptions.OPEN_JAVA_LANG,
        JvmOptions.UNTRACKED_VIRTUAL_THREADS})
public class SelectBench {
    static final Integer VALUE = 42;
    static final int SELECTS = 100_000;
    static final int DEFAULT_SELECTS = 1_000_000;
    static final int READY_SELECTS = 32 * 32_768;

    @State(Scope.Benchmark)
    public static class Blocking {
        @Param({"gokata", "jox"})
        public String impl;
        @Param({"2", "4"})
        public int cases;
        @Param({"0", "16"})
        public int cap;
    }

    @Benchmark
    @OperationsPerInvocation(SELECTS)
    public void select(Blocking s) throws InterruptedException {
        int k = s.cases;
        int each = SELECTS / k;
        var sides = new ArrayList<VirtualThreads.Side>();
        if (s.impl.equals("gokata")) {
            var chans = new ArrayList<Chan<Integer>>();
            for (int c = 0; c < k; c++) {
                Chan<Integer> ch = Chan.make(s.cap);
                chans.add(ch);
                sides.add(() -> {
                    for (int i = 0; i < each; i++) {
                        ch.send(VALUE);
                    }
                });
            }
            sides.add(() -> {
                var sink = new Sink();
                for (int i = 0; i < each * k; i++) {
                    var select = Select.select();
                    for (Chan<Integer> ch : chans) {
                        select.recv(ch, sink);
                    }
                    select.run();
                }
            });
        } else {
            var clauses = new ArrayList<SelectClause<Integer>>();
            for (int c = 0; c < k; c++) {
                Channel<Integer> ch = s.cap == 0 ? Channel.newRendezvousChannel() : Channel.newBufferedChannel(s.cap);
                clauses.add(ch.receiveClause());
                sides.add(() -> {
                    for (int i = 0; i < each; i++) {
                        ch.send(VALUE);
                    }
                });
            }
            @SuppressWarnings("unchecked")
            SelectClause<Integer>[] array = clauses.toArray(new SelectClause[0]);
            sides.add(() -> {
                for (int i = 0; i < each * k; i++) {
                    com.softwaremill.jox.Select.select(array);
                }
            });
        }
        VirtualThreads.runAll(s.impl, sides);
    }

    @State(Scope.Benchmark)
    public static class NonBlocking {
        @Param({"gokata", "jox"})
        public String impl;
    }

    @Benchmark
    @OperationsPerInvocation(DEFAULT_SELECTS)
    public void selectDefault2(NonBlocking s) throws InterruptedException {
        if (s.impl.equals("gokata")) {
            Chan<Integer> a = Chan.make(16);
            Chan<Integer> b = Chan.make(16);
            VirtualThreads.runAll("gokata", () -> {
                var sink = new Sink();
                Runnable orElse = sink::none;
                for (int i = 0; i < DEFAULT_SELECTS; i++) {
                    Select.select().recv(a, sink).recv(b, sink).orDefault(orElse).run();
                }
            });
        } else {
            Channel<Integer> a = Channel.newBufferedChannel(16);
            Channel<Integer> b = Channel.newBufferedChannel(16);
            SelectClause<Integer> none = com.softwaremill.jox.Select.defaultClause(VALUE);
            SelectClause<Integer> ra = a.receiveClause();
            SelectClause<Integer> rb = b.receiveClause();
            VirtualThreads.runAll("jox", () -> {
                for (int i = 0; i < DEFAULT_SELECTS; i++) {
                    com.softwaremill.jox.Select.select(ra, rb, none);
                }
            });
        }
    }

    @Benchmark
    @OperationsPerInvocation(READY_SELECTS)
    public void selectReady2(NonBlocking s) throws InterruptedException {
        if (s.impl.equals("gokata")) {
            Chan<Integer> a = Chan.make(16);
            Chan<Integer> b = Chan.make(16);
            VirtualThreads.runAll("gokata", () -> {
                var sink = new Sink();
                for (int r = 0; r < READY_SELECTS / 32; r++) {
                    for (int i = 0; i < 16; i++) {
                        a.send(VALUE);
                        b.send(VALUE);
                    }
                    for (int i = 0; i < 32; i++) {
                        Select.select().recv(a, sink).recv(b, sink).run();
                    }
                }
            });
        } else {
            Channel<Integer> a = Channel.newBufferedChannel(16);
            Channel<Integer> b = Channel.newBufferedChannel(16);
            SelectClause<Integer> ra = a.receiveClause();
            SelectClause<Integer> rb = b.receiveClause();
            VirtualThreads.runAll("jox", () -> {
                for (int r = 0; r < READY_SELECTS / 32; r++) {
                    for (int i = 0; i < 16; i++) {
                        a.send(VALUE);
                        b.send(VALUE);
                    }
                    for (int i = 0; i < 32; i++) {
                        com.softwaremill.jox.Select.select(ra, rb);
                    }
                }
            });
        }
    }

    /** Receives the selected value; its counters keep the JIT from discarding the work. */
    static final class Sink implements Consumer<Integer> {
        int values;
        int defaults;

        @Override
        public void accept(Integer v) {
            values++;
        }

        void none() {
            defaults++;
        }
    }
}

package dev.gokata.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one workload for gokata in this JVM and for Go in a child process, alternately, and prints each one's median
 * and the ratio gokata / Go: {@link Paired}'s paired measurement, for the comparison with Go, whose runs cannot share
 * the JVM. Go's turn is one run of the matching benchmark of runtime/bench/go (its compiled test binary) for as long
 * as gokata's turn lasts at least; Go's own ns/op is its score (Go needs no warm-up, and the process start is not in
 * that figure). A spawning workload's turn is three batches instead, after the one Go's {@code testing} runs first and
 * does not report: in a fresh process the first batch that parks 100 000 goroutines gets every stack new, 900 ms
 * against 130-150 ms warm here, and a turn of 300 ms would report that batch alone. {@code bin/bench-paired-go.sh}
 * builds the binary and runs this in several JVMs (docs/benchmarks.md).
 *
 * <pre>java -cp runtime/bench/target/benchmarks.jar dev.gokata.bench.PairedGo spsc-1024 9 chanbench.test</pre>
 */
public final class PairedGo {
    private PairedGo() {
    }

    public static void main(String[] args) throws Exception {
        var w = Workload.fromArgs(args, 3, "PairedGo WORKLOAD ROUNDS GO_TEST_BINARY");
        Path binary = Path.of(args[2]);
        if (!Files.isExecutable(binary)) {
            throw new IllegalArgumentException("no Go test binary at " + binary
                    + ": build it with `go test -c -o FILE` in runtime/bench/go (bin/bench-paired-go.sh does)");
        }
        var turns = List.of(Paired.timed(w, () -> w.run().once("gokata")), goTurn(w, binary));
        var rounds = Paired.rounds(Integer.parseInt(args[1]), turns);
        System.out.println(rounds.line(w.name(), "gokata", "go", 0));
    }

    /** Go's turn: one run of its benchmark; the score is its ns/op (ms per batch for spawn, as gokata's). */
    private static Paired.Turn goTurn(Workload workload, Path binary) {
        double unit = workload.nanosPerUnit();
        String benchtime = workload.spawns() ? "3x" : Paired.ROUND_NANOS / 1_000_000 + "ms";
        var command = List.of(binary.toString(), "-test.run=^$", "-test.bench=" + workload.goBenchmark(),
                "-test.benchtime=" + benchtime, "-test.count=1");
        return () -> {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("the Go benchmark failed: " + command + "\n" + out);
            }
            for (String line : out.split("\n")) { // a result: "BenchmarkSpsc/cap16-2   23384139   49.95 ns/op"
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[0].startsWith("Benchmark") && f[3].equals("ns/op")) {
                    return Double.parseDouble(f[2]) / unit;
                }
            }
            throw new IllegalStateException("no result in the output of " + command + ":\n" + out);
        };
    }
}

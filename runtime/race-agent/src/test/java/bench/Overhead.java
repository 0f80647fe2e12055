package bench;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Mutex;
import dev.gokata.runtime.Program;
import dev.gokata.runtime.WaitGroup;

/**
 * The race detector's overhead: each workload runs as a program 3 times to warm up, then 5 times; prints the best
 * time in ms. Run it with and without {@code -javaagent:...=<test-classes> -Dgokata.race=true}
 * (docs/race-detector.md has the commands and numbers).
 */
public class Overhead {
    long sum;
    int[] cells = new int[1000];

    /** One goroutine: 3M field and array accesses. */
    static void fieldLoop() {
        var o = new Overhead();
        for (int i = 0; i < 1_000_000; i++) {
            o.sum += o.cells[i % 1000];
            o.cells[i % 1000] = i;
        }
    }

    /** One goroutine: 1M calls of a method that stores an element and calls another that increments a field. */
    static void callLoop() {
        var o = new Overhead();
        for (int i = 0; i < 1_000_000; i++) {
            o.step(i);
        }
    }

    private void step(int i) {
        cells[i % 1000] = i;
        increment();
    }

    private void increment() {
        sum++;
    }

    /** One goroutine: 2M rounds of a {@code synchronized} block that increments a field and adds it up. */
    static void syncLoop() {
        var o = new Overhead();
        long s = 0;
        for (int round = 0; round < 200; round++) {
            s += o.syncRounds(10_000);
        }
        o.cells[0] = (int) s;
    }

    private long syncRounds(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            synchronized (this) {
                sum++;
                s += sum;
            }
        }
        return s;
    }

    /** A 3-stage pipeline over unbuffered channels: 20000 values. */
    static void pipeline() {
        Chan<Integer> gen = Chan.make();
        Chan<Integer> sq = Chan.make();
        go(() -> {
            for (int i = 0; i < 20_000; i++) {
                gen.send(i);
            }
            gen.close();
        });
        go(() -> {
            for (int n : gen) {
                sq.send(n * n);
            }
            sq.close();
        });
        var o = new Overhead();
        for (int n : sq) {
            o.sum += n;
        }
    }

    /** 8 goroutines × 20000 increments under a Mutex. */
    static void mutexCounter() {
        var o = new Overhead();
        var mu = new Mutex();
        var wg = new WaitGroup();
        for (int g = 0; g < 8; g++) {
            wg.add(1);
            go(() -> {
                for (int i = 0; i < 20_000; i++) {
                    mu.lock();
                    o.sum++;
                    mu.unlock();
                }
                wg.done();
            });
        }
        wg.await();
    }

    /** 4 goroutines fill disjoint quarters of a 1M-element array. */
    static void parallelFill() {
        int[] a = new int[1_000_000];
        var wg = new WaitGroup();
        for (int g = 0; g < 4; g++) {
            int from = g * 250_000;
            wg.add(1);
            go(() -> {
                for (int i = from; i < from + 250_000; i++) {
                    a[i] = i;
                }
                wg.done();
            });
        }
        wg.await();
    }

    public static void main(String[] args) {
        Runnable w = switch (args[0]) {
            case "fieldLoop" -> Overhead::fieldLoop;
            case "callLoop" -> Overhead::callLoop;
            case "syncLoop" -> Overhead::syncLoop;
            case "pipeline" -> Overhead::pipeline;
            case "mutexCounter" -> Overhead::mutexCounter;
            case "parallelFill" -> Overhead::parallelFill;
            default -> throw new IllegalArgumentException(
                    "workloads: fieldLoop callLoop syncLoop pipeline mutexCounter parallelFill");
        };
        long best = Long.MAX_VALUE;
        for (int i = 0; i < Integer.getInteger("rounds", 8); i++) {
            long t0 = System.nanoTime();
            new Program().run(w);
            long t = System.nanoTime() - t0;
            if (i >= 3) {
                best = Math.min(best, t);
            }
        }
        System.out.printf("%s %.1f ms%n", args[0], best / 1e6);
        System.exit(0);
    }
}

package corpus;

import static dev.gokata.runtime.Go.go;

import java.util.ArrayList;
import java.util.List;

/**
 * A counter behind synchronized blocks of each shape javac gives them (a loop where the block begins, a return and a
 * throw from inside, nested, calls inside) and synchronized methods, by goroutines, often enough for the JIT:
 * {@code CompiledMonitorsTest} checks that HotSpot compiles each of these methods once instrumented.
 */
public class SafeMonitorShapes {
    // 80 000 calls of each method: past C2's thresholds (5 000 calls, 15 000 calls and loops) even when a busy
    // compile queue scales them up
    static final int ROUNDS = 40_000;
    static long statics;

    private final Object lock = new Object();
    private final List<Integer> recent = new ArrayList<>(); // behind lock
    private long count; // behind lock
    private long other; // behind this

    long loopFirst(int n) {
        synchronized (lock) {
            while (n-- > 0) {
                count++;
            }
            return count;
        }
    }

    long returnInside(int i) {
        synchronized (lock) {
            if (i % 2 == 0) {
                return count;
            }
            count++;
        }
        return -1;
    }

    void throwInside(int i) {
        synchronized (lock) {
            count++;
            if (i % 100 == 0) {
                throw new IllegalStateException("boom");
            }
        }
    }

    void nested() {
        synchronized (this) {
            synchronized (lock) {
                count++;
                other++;
            }
        }
    }

    int callsInside(int i) {
        synchronized (lock) {
            recent.add(i);
            if (recent.size() > 8) {
                recent.clear();
            }
            return size();
        }
    }

    private int size() {
        return recent.size();
    }

    synchronized long method() {
        return other++;
    }

    synchronized void methodThrows(int i) {
        other++;
        if (i % 100 == 0) {
            throw new IllegalStateException("boom");
        }
    }

    static synchronized void staticMethod() {
        statics++;
    }

    synchronized void methodAndBlock() {
        other++;
        synchronized (lock) {
            count++;
        }
    }

    void round(int i) {
        loopFirst(2);
        returnInside(i);
        try {
            throwInside(i);
        } catch (IllegalStateException expected) {
            loopFirst(0); // the block released the monitor as the exception left it
        }
        nested();
        callsInside(i);
        method();
        try {
            methodThrows(i);
        } catch (IllegalStateException expected) {
            method();
        }
        staticMethod();
        methodAndBlock();
    }

    public static void main(String[] args) throws InterruptedException {
        var s = new SafeMonitorShapes();
        var threads = new ArrayList<Thread>();
        for (int g = 0; g < 2; g++) {
            threads.add(go(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    s.round(i);
                }
            }).thread());
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println(s.loopFirst(0) + " " + s.method() + " " + statics);
    }
}

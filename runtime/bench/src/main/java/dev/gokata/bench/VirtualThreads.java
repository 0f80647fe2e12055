package dev.gokata.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Runs every side of a workload in its own virtual thread and waits for all: never on the JMH thread itself. */
final class VirtualThreads {
    private VirtualThreads() {
    }

    /** A side of a workload; may block. */
    interface Side {
        void run() throws Exception;
    }

    static void runAll(List<Side> sides) throws InterruptedException {
        var failure = new AtomicReference<Throwable>();
        var threads = new ArrayList<Thread>(sides.size());
        for (Side side : sides) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    side.run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a side of the benchmark failed", failure.get());
        }
    }

    static void runAll(Side... sides) throws InterruptedException {
        runAll(List.of(sides));
    }
}

package dev.gokata.bench;

import dev.gokata.runtime.Go;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs every side of a workload in its own virtual thread and waits for all: never on the JMH thread itself. gokata's
 * sides are goroutines ({@code Go.go}), so they run on the runtime's scheduler as a Go program's would; every other
 * implementation's sides (and {@code gokata-vt}'s) are plain virtual threads on the JDK's scheduler.
 */
final class VirtualThreads {
    private VirtualThreads() {
    }

    /** A side of a workload; may block. */
    interface Side {
        void run() throws Exception;
    }

    static void runAll(String impl, List<Side> sides) throws InterruptedException {
        boolean goroutines = impl.startsWith("gokata") && !impl.equals("gokata-vt");
        var failure = new AtomicReference<Throwable>();
        var finished = new CountDownLatch(sides.size());
        for (Side side : sides) {
            Runnable body = () -> {
                try {
                    side.run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    finished.countDown();
                }
            };
            if (goroutines) {
                Go.go(body);
            } else {
                Thread.ofVirtual().start(body);
            }
        }
        finished.await();
        if (failure.get() != null) {
            throw new IllegalStateException("a side of the benchmark failed", failure.get());
        }
    }

    static void runAll(String impl, Side... sides) throws InterruptedException {
        runAll(impl, List.of(sides));
    }
}

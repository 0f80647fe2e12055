package counter;

import static dev.gokata.runtime.Go.*;

import dev.gokata.runtime.WaitGroup;
import java.util.concurrent.atomic.AtomicLong;

/** A counter that many goroutines increment at once, kept exact with an atomic instead of a lock. */
public class Counter {
    private final AtomicLong counter = new AtomicLong();

    /**
     * Starts {@code goroutines} goroutines that each increment the counter {@code increments} times; waits for them.
     */
    public void count(int goroutines, int increments) {
        var wg = new WaitGroup();
        for (int g = 0; g < goroutines; g++) {
            wg.add(1);
            go(() -> {
                try {
                    for (int i = 0; i < increments; i++) {
                        counter.incrementAndGet();
                    }
                } finally {
                    wg.done();
                }
            });
        }
        wg.await();
    }

    /** The counter's value. */
    public long value() {
        return counter.get();
    }

    public static void main(String[] args) {
        var c = new Counter();
        c.count(50, 1000);
        System.out.println("counter:  " + c.value());
    }
}

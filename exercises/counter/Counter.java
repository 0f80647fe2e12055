package counter;

import static dev.gokata.runtime.Go.*;

import dev.gokata.runtime.WaitGroup;

/** A counter that many goroutines increment at once, kept exact with an atomic instead of a lock. */
public class Counter {
    // TODO: implement a concurrency-safe counter: many goroutines increment it at once.
    private long counter;

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
                        counter++; // TODO: not atomic: read, add one, write back
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
        return counter;
    }

    public static void main(String[] args) {
        var c = new Counter();
        c.count(50, 1000);
        System.out.println("counter:  " + c.value());
    }
}

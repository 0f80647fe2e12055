package closure;

import static dev.gokata.runtime.Go.*;

import dev.gokata.runtime.WaitGroup;
import java.time.Duration;

/** A local variable captured by a goroutine lives on after the method that declared it has returned. */
public class Closure {
    private final Duration delay;

    /** A program whose goroutine waits {@code delay} before it touches the captured variable. */
    public Closure(Duration delay) {
        this.delay = delay;
    }

    /** Declares a local counter, starts a goroutine that increments and prints it, and returns at once. */
    void incr(WaitGroup wg) {
        // Java captures only effectively final locals: the variable lives in a one-element array the lambda shares.
        int[] i = {0};
        wg.add(1);
        go(() -> {
            try {
                sleep(delay);
                i[0]++;
                System.out.println("value of i: " + i[0]);
            } finally {
                wg.done();
            }
        });
        System.out.println("return from function");
    }

    /** Calls incr, waits for its goroutine, and prints {@code done..}. */
    public void run() {
        var wg = new WaitGroup();
        incr(wg);
        wg.await();
        System.out.println("done..");
    }

    public static void main(String[] args) {
        new Closure(Duration.ZERO).run();
    }
}

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
        // TODO: declare a local counter i, starting at 0. In Go, `i := 0` and `i++` inside the goroutine just works:
        // i escapes to the heap. A Java lambda may capture only effectively final locals, so `int i = 0;` and
        // `i++` in the lambda does not compile: give the goroutine a holder it can change (an int[1], an
        // AtomicInteger...).
        wg.add(1);
        go(() -> {
            try {
                sleep(delay);
                // TODO: increment i, then print "value of i: " and its value.
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

package loopvar;

import static dev.gokata.runtime.Go.*;

import dev.gokata.runtime.WaitGroup;
import java.time.Duration;

/**
 * Go's loop-variable capture bug (before Go 1.22 one variable served the whole loop), rebuilt with a loop counter
 * shared by every goroutine, and fixed by passing each goroutine the counter's value when it is started.
 */
public class LoopVar {
    private final Duration delay;

    /** A program whose goroutines wait {@code delay} before printing. */
    public LoopVar(Duration delay) {
        this.delay = delay;
    }

    /** Starts three goroutines, one per value of the loop counter, that print 1, 2 and 3 in some order. */
    public void run() {
        var wg = new WaitGroup();
        int[] i = {0}; // one variable for the whole loop, as in Go before 1.22
        for (i[0] = 1; i[0] <= 3; i[0]++) {
            wg.add(1);
            go(printer(i[0], wg)); // the value is read here, when the goroutine is started: Go's go func(i int){...}(i)
        }
        wg.await();
    }

    /** The body of one goroutine: prints its own copy of the value. */
    private Runnable printer(int value, WaitGroup wg) {
        return () -> {
            try {
                sleep(delay);
                System.out.println(value);
            } finally {
                wg.done();
            }
        };
    }

    public static void main(String[] args) {
        new LoopVar(Duration.ZERO).run();
    }
}

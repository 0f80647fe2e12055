package waitgroup;

import static dev.gokata.runtime.Go.*;

import dev.gokata.runtime.WaitGroup;
import java.time.Duration;

/** A goroutine increments data; a WaitGroup makes the main goroutine print the value only after that. */
public class Join {
    private final Duration delay;
    private int data;

    /** A program whose goroutine waits {@code delay} before it increments data. */
    public Join(Duration delay) {
        this.delay = delay;
    }

    /** The goroutine's work: wait a little, then increment data. */
    protected void work() {
        sleep(delay);
        data++;
    }

    /** Runs work in a goroutine, then prints {@code the value of data is 1} and {@code Done..}. */
    public void run() {
        // TODO: modify the program to print the value as 1 deterministically:
        // join the goroutine with a WaitGroup (add before go, done when work returns, await before printing).
        go(() -> work());
        System.out.printf("the value of data is %d%n", data);
        System.out.println("Done..");
    }

    public static void main(String[] args) {
        new Join(Duration.ZERO).run();
    }
}

package goroutines;

import static dev.gokata.runtime.Go.*;

import dev.gokata.runtime.WaitGroup;
import java.time.Duration;
import java.util.function.Consumer;

/** Goroutine call variants: a method, a lambda and a function value, each started with go and joined. */
public class Hello {
    private final Duration pause;

    /** A program whose {@code fun} pauses {@code pause} after each line it prints. */
    public Hello(Duration pause) {
        this.pause = pause;
    }

    /** Prints {@code s} three times, pausing after each line. */
    protected void fun(String s) {
        for (int i = 0; i < 3; i++) {
            System.out.println(s);
            sleep(pause);
        }
    }

    /** Calls fun directly, then in three goroutines, and prints {@code done..} once all three have finished. */
    public void run() {
        fun("direct call");

        var wg = new WaitGroup();
        wg.add(3);

        // A named method: Java has no `go fun(x)`, so a lambda forwards the argument.
        go(() -> {
            fun("goroutine-1");
            wg.done();
        });

        // An anonymous function with a body of its own.
        go(() -> {
            try {
                fun("goroutine-2");
            } finally {
                wg.done();
            }
        });

        // A function value: fun stored in a variable, then called in a goroutine.
        Consumer<String> fv = this::fun;
        go(() -> {
            fv.accept("goroutine-3");
            wg.done();
        });

        System.out.println("waiting for goroutines to complete..");
        wg.await();
        System.out.println("done..");
    }

    public static void main(String[] args) {
        new Hello(Duration.ofMillis(1)).run();
    }
}

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
        // Direct call
        fun("direct call");

        // TODO: write goroutines with different variants for the function call.

        // TODO 1: a goroutine running the method fun, printing "goroutine-1".

        // TODO 2: a goroutine running an anonymous function (a lambda with a body) that calls fun("goroutine-2").

        // TODO 3: a goroutine running a function value: Consumer<String> fv = this::fun; ... "goroutine-3".

        System.out.println("waiting for goroutines to complete..");

        // TODO 4: wait for the three goroutines to finish. Join them with a WaitGroup: a sleep is a guess.

        System.out.println("done..");
    }

    public static void main(String[] args) {
        new Hello(Duration.ofMillis(1)).run();
    }
}

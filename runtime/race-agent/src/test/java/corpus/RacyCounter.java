package corpus;

import static dev.gokata.runtime.Go.go;

import java.util.ArrayList;

/** The 11-atomic starter: 50 goroutines increment a plain counter 1000 times each. */
public class RacyCounter {
    long counter;

    public static void main(String[] args) throws InterruptedException {
        var c = new RacyCounter();
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < 50; i++) {
            threads.add(go(() -> {
                for (int j = 0; j < 1000; j++) {
                    c.counter++; // RACE
                }
            }).thread());
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("counter: " + c.counter);
    }
}

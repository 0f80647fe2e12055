package corpus;

import static dev.gokata.runtime.Go.go;

import java.util.ArrayList;

/** The 06-closure starter in Java: goroutines read a loop variable that main keeps changing. */
public class RacyLoopVar {
    int i;

    public static void main(String[] args) throws InterruptedException {
        var loop = new RacyLoopVar();
        var threads = new ArrayList<Thread>();
        for (loop.i = 1; loop.i <= 3; loop.i++) { // RACE
            threads.add(go(() -> System.out.println(loop.i)).thread()); // RACE
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}

package corpus;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Goroutine;

/** The 03-join starter: main reads data while the goroutine writes it; the join comes too late. */
public class RacyJoin {
    int data;

    public static void main(String[] args) throws InterruptedException {
        var p = new RacyJoin();
        Goroutine g = go(() -> {
            p.data++; // RACE
        });
        System.out.println("the value of data is " + p.data); // RACE
        g.thread().join();
    }
}

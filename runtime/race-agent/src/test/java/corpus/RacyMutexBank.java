package corpus;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Mutex;
import dev.gokata.runtime.WaitGroup;

/** The bank with a mutex, but the balance is read without it. */
public class RacyMutexBank {
    int balance;
    final Mutex mu = new Mutex();

    public static void main(String[] args) {
        var b = new RacyMutexBank();
        var wg = new WaitGroup();
        for (int i = 0; i < 10; i++) {
            wg.add(1);
            go(() -> {
                b.mu.lock();
                b.balance += 10; // RACE
                b.mu.unlock();
                wg.done();
            });
        }
        System.out.println("balance now: " + b.balance); // RACE
        wg.await();
    }
}

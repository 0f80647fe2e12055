package rwmutex;

import static dev.gokata.runtime.Go.*;

import dev.gokata.runtime.Mutex;
import dev.gokata.runtime.WaitGroup;
import java.time.Duration;

/** A balance read by many goroutines at once and written by one at a time, guarded by an RWMutex. */
public class Balance {
    // TODO: implement concurrent read: allow multiple reads at once, while a write holds the lock exclusively.
    private final Mutex mu = new Mutex(); // guards balance
    private int balance;

    /** Adds {@code amount} to the balance, holding the lock exclusively. */
    public void deposit(int amount) {
        mu.lock();
        try {
            onWrite();
            balance += amount;
        } finally {
            mu.unlock();
        }
    }

    /** The balance, read under a read lock that other readers may hold at the same time. */
    public int read() {
        // TODO: readers must not exclude each other, only writers.
        mu.lock();
        try {
            onRead();
            return balance;
        } finally {
            mu.unlock();
        }
    }

    /** Called inside the write section; the hidden tests look inside it through this hook. Keep the call. */
    protected void onWrite() {
    }

    /** Called inside the read section; the hidden tests look inside it through this hook. Keep the call. */
    protected void onRead() {
    }

    /** Runs {@code writers} goroutines that deposit 1 and {@code readers} that print read(), and waits for all. */
    public void run(int writers, int readers, Duration writeDelay) {
        var wg = new WaitGroup();
        for (int i = 0; i < writers; i++) {
            wg.add(1);
            go(() -> {
                try {
                    sleep(writeDelay);
                    deposit(1);
                } finally {
                    wg.done();
                }
            });
        }
        for (int i = 0; i < readers; i++) {
            wg.add(1);
            go(() -> {
                try {
                    System.out.println(read());
                } finally {
                    wg.done();
                }
            });
        }
        wg.await();
    }

    public static void main(String[] args) {
        var b = new Balance();
        b.run(10, 10, Duration.ofMillis(1));
        System.out.println(b.read());
    }
}

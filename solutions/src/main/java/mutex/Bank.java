package mutex;

import static dev.gokata.runtime.Go.*;

import dev.gokata.runtime.Mutex;
import dev.gokata.runtime.WaitGroup;

/** A bank balance that many goroutines deposit to and withdraw from at once, kept consistent by a Mutex. */
public class Bank {
    private final Mutex mu = new Mutex(); // guards balance
    private int balance;

    /** Adds {@code amount} to the balance. */
    public void deposit(int amount) {
        mu.lock();
        balance += amount;
        mu.unlock();
    }

    /** Takes {@code amount} from the balance. */
    public void withdrawal(int amount) {
        mu.lock();
        try {
            balance -= amount;
        } finally {
            mu.unlock();
        }
    }

    /** The balance. */
    public int balance() {
        mu.lock();
        try {
            return balance;
        } finally {
            mu.unlock();
        }
    }

    /** Runs {@code n} goroutines that deposit 1 and {@code n} that withdraw 1, and waits for all of them. */
    public void run(int n) {
        var wg = new WaitGroup();
        wg.add(2 * n);
        for (int i = 0; i < n; i++) {
            go(() -> {
                try {
                    deposit(1);
                } finally {
                    wg.done();
                }
            });
        }
        for (int i = 0; i < n; i++) {
            go(() -> {
                try {
                    withdrawal(1);
                } finally {
                    wg.done();
                }
            });
        }
        wg.await();
    }

    public static void main(String[] args) {
        var bank = new Bank();
        bank.run(100);
        System.out.println(bank.balance());
    }
}

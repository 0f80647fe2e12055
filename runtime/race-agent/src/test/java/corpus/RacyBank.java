package corpus;

import static dev.gokata.runtime.Go.go;

/** The 01-mutex starter: deposits and a withdrawal on a static balance with no lock. */
public class RacyBank {
    static int balance = 100;

    static void deposit(int amount) {
        balance += amount; // RACE
    }

    static void withdraw(int amount) {
        balance -= amount; // RACE
    }

    public static void main(String[] args) throws InterruptedException {
        Thread a = go(() -> deposit(50)).thread();
        Thread b = go(() -> withdraw(30)).thread();
        a.join();
        b.join();
        System.out.println("balance: " + balance);
    }
}

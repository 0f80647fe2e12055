package mutex;

import static dev.gokata.runtime.Go.go;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.WaitGroup;
import dev.gokata.testkit.Sandbox;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the mutex kata: as many deposits as withdrawals leave the balance at 0 on every run, deposits and
 * withdrawals called directly from many goroutines lose nothing, and {@code run} really uses many goroutines. The
 * grader's race detector proves every access to the balance is guarded, and its deadlock detector catches a
 * re-locked mutex (each body runs as a program of its own, so that the deadlock is explained before Go's dump).
 * {@code balance()} is read while deposits run, so an unguarded read of the balance is reported too.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/mutex/}):
 * <ul>
 *   <li>the untouched starter: unguarded {@code +=} and {@code -=}: lost updates and a data race;</li>
 *   <li>{@code lock-only-deposit}: the withdrawal is unguarded: a data race on balance, and a wrong balance;</li>
 *   <li>{@code relock-in-withdrawal}: the withdrawal calls deposit while holding the mutex; Go's (and gokata's)
 *       Mutex is not re-entrant, so the goroutine deadlocks;</li>
 *   <li>{@code unguarded-balance}: deposit and withdrawal lock, but balance() reads without the lock: a data race
 *       with the deposits that run while it reads.</li>
 * </ul>
 */
@Timeout(10)
class BankTest {
    private static final Duration LIMIT = Duration.ofSeconds(8);
    private static final String STUCK = "every goroutine was left waiting, the bank's in Mutex.lock (below): Go's"
            + " Mutex is not re-entrant, so a goroutine that locks a mutex it already holds waits for ever. Does"
            + " withdrawal call deposit while it holds the lock? And every lock() needs its unlock(), in a finally"
            + " (Go's defer mu.Unlock())";
    private static final int DEPOSITS = 2000;

    /** Runs {@code body} as a program of its own, so that a deadlock fails with {@link #STUCK} before Go's dump. */
    private static void inProgram(Runnable body) {
        Sandbox.runToExit(body, LIMIT, STUCK);
    }

    @Test
    void balanceIsZeroAfterAsManyDepositsAsWithdrawals() {
        inProgram(() -> {
            for (int run = 1; run <= 3; run++) {
                var bank = new Bank();
                bank.run(200);
                assertEquals(0, bank.balance(), "run " + run + ": 200 deposits of 1 and 200 withdrawals of 1 left a"
                        + " balance of " + bank.balance() + ": += and -= read, change and write back, and concurrent"
                        + " goroutines overwrite each other; guard every access to balance with a Mutex");
            }
        });
    }

    @Test
    void depositsAndWithdrawalsFromManyGoroutinesLoseNothing() {
        inProgram(() -> {
            var bank = new Bank();
            var wg = new WaitGroup();
            for (int g = 0; g < 4; g++) {
                wg.add(2);
                go(() -> {
                    try {
                        for (int i = 0; i < 5000; i++) {
                            bank.deposit(3);
                        }
                    } finally {
                        wg.done();
                    }
                });
                go(() -> {
                    try {
                        for (int i = 0; i < 5000; i++) {
                            bank.withdrawal(1);
                        }
                    } finally {
                        wg.done();
                    }
                });
            }
            wg.await();
            assertEquals(4 * 5000 * 2, bank.balance(), "4 goroutines deposited 3 and 4 withdrew 1, 5000 times each;"
                    + " the balance is " + bank.balance() + ": deposit and withdrawal must each lock the mutex");
        });
    }

    /**
     * Reads the balance while two goroutines deposit: balance() reads the field the deposits write, so it must take
     * the mutex too, or the race detector reports the read against a deposit's write.
     */
    @Test
    void balanceIsReadUnderTheMutexWhileDepositsRun() {
        inProgram(() -> {
            var bank = new Bank();
            var wg = new WaitGroup();
            wg.add(3);
            for (int g = 0; g < 2; g++) {
                go(() -> {
                    try {
                        for (int i = 0; i < DEPOSITS; i++) {
                            bank.deposit(1);
                        }
                    } finally {
                        wg.done();
                    }
                });
            }
            int[] last = {0};
            go(() -> {
                try {
                    for (int i = 0; i < DEPOSITS; i++) {
                        int seen = bank.balance();
                        assertTrue(seen >= last[0] && seen <= 2 * DEPOSITS, "while 2 goroutines deposited 1, "
                                + DEPOSITS + " times each, balance() returned " + seen + " after " + last[0]
                                + ": balance() must read under the mutex, like deposit and withdrawal");
                        last[0] = seen;
                    }
                } finally {
                    wg.done();
                }
            });
            wg.await();
            assertEquals(2 * DEPOSITS, bank.balance(), "2 goroutines deposited 1, " + DEPOSITS + " times each");
        });
    }

    /** A Bank that records on which goroutines deposits and withdrawals ran. */
    static final class Watched extends Bank {
        final Set<Long> threads = ConcurrentHashMap.newKeySet();

        @Override
        public void deposit(int amount) {
            threads.add(Thread.currentThread().threadId());
            super.deposit(amount);
        }

        @Override
        public void withdrawal(int amount) {
            threads.add(Thread.currentThread().threadId());
            super.withdrawal(amount);
        }
    }

    @Test
    void runUsesManyGoroutines() {
        inProgram(() -> {
            var bank = new Watched();
            bank.run(50);
            assertEquals(0, bank.balance(), "50 deposits and 50 withdrawals of 1");
            assertTrue(bank.threads.size() > 1, "every deposit and withdrawal ran on one goroutine: run must start a"
                    + " goroutine per operation, as the starter does");
        });
    }
}

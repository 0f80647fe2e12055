package mutex;

import static dev.gokata.runtime.Go.go;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.Mutex;
import dev.gokata.runtime.WaitGroup;
import dev.gokata.runtime.WaitReason;
import dev.gokata.testkit.Fields;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Sandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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
 *       with the deposits that run while it reads;</li>
 *   <li>{@code volatile-unguarded-balance}: the same with a volatile balance, which the race detector accepts;
 *       balance() returns while the test holds the bank's mutex;</li>
 *   <li>{@code synchronized-methods} and {@code atomic-balance}: synchronized, or an AtomicInteger, instead of
 *       gokata's Mutex: correct Java, but not the kata's lesson; the bank has no Mutex for the test to hold;</li>
 *   <li>{@code trylock-spin}: spins on {@code mu.tryLock()} instead of {@code mu.lock()}: a waiting goroutine
 *       busy-waits instead of parking in Mutex.lock.</li>
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

    /**
     * Holds the bank's mutex (every Mutex it keeps in a field) and calls deposit, withdrawal and balance() in turn,
     * each from a goroutine of its own: each must wait, parked in Mutex.lock, until the test unlocks. A read that
     * takes no lock returns at once, even from a volatile field the race detector accepts; a goroutine that spins on
     * tryLock is never parked; a bank guarded by synchronized, a java.util.concurrent lock or an atomic has no Mutex.
     */
    @Test
    void everyOperationWaitsForTheBanksMutex() {
        inProgram(() -> {
            var bank = new Bank();
            List<Mutex> mutexes = Fields.valuesOf(bank, Bank.class, Mutex.class);
            assertTrue(!mutexes.isEmpty(), "the bank keeps no dev.gokata.runtime.Mutex in a field: guard balance"
                    + " with Go's mutex, private final Mutex mu = new Mutex();, locked around every access;"
                    + " synchronized, a java.util.concurrent lock or an AtomicInteger is correct Java, but this"
                    + " kata is about sync.Mutex");
            Map<String, Consumer<Bank>> operations = Map.of("deposit(1)", b -> b.deposit(1), "withdrawal(1)",
                    b -> b.withdrawal(1), "balance()", Bank::balance);
            for (var op : List.of("deposit(1)", "withdrawal(1)", "balance()")) {
                mutexes.forEach(Mutex::lock);
                var returned = new AtomicBoolean();
                var done = new WaitGroup();
                done.add(1);
                Optional<WaitReason> waited;
                boolean returnedWhileHeld;
                try {
                    var g = go(() -> {
                        try {
                            operations.get(op).accept(bank);
                            returned.set(true);
                        } finally {
                            done.done();
                        }
                    });
                    Goroutines.pollUntil(() -> returned.get() || Goroutines.blockedIn(g).isPresent(),
                            Duration.ofSeconds(2));
                    waited = Goroutines.blockedIn(g);
                    returnedWhileHeld = returned.get();
                } finally {
                    mutexes.forEach(Mutex::unlock);
                }
                done.await();
                if (waited.isEmpty() || waited.get() != WaitReason.MUTEX_LOCK) {
                    fail(returnedWhileHeld
                            ? op + " returned while another goroutine held the bank's mutex: it touches balance"
                                    + " without the lock. Every read and write of balance, also the read in"
                                    + " balance(), goes between mu.lock() and mu.unlock() (volatile is not enough:"
                                    + " the lesson is Go's, where only the mutex orders the accesses)"
                            : op + " did not wait in Mutex.lock while another goroutine held the bank's mutex"
                                    + waited.map(r -> " (it waited in " + r + ")").orElse(" (it kept running)")
                                    + ": call mu.lock(), which parks the goroutine until the mutex is free; a loop"
                                    + " around mu.tryLock() burns a CPU while it waits");
                }
            }
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

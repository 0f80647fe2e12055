package rwmutex;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Go.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.RWMutex;
import dev.gokata.runtime.WaitGroup;
import dev.gokata.runtime.WaitReason;
import dev.gokata.testkit.Concurrency;
import dev.gokata.testkit.Fields;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Stdout;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the rwmutex kata, looking inside the critical sections through the {@code onRead}/{@code onWrite}
 * hooks: two readers are inside their read sections at the same time (each waits there for the other, so an
 * exclusive lock makes the test time out rather than pass by luck); a writer is never inside together with a reader
 * or another writer; readers see a balance that only grows; the final balance is exact.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/rwmutex/}):
 * <ul>
 *   <li>the untouched starter and {@code exclusive-mutex}: a Mutex for reads too; readers never overlap;</li>
 *   <li>{@code read-without-lock}: read() takes no lock; a reader is inside while a writer is (and it races);</li>
 *   <li>{@code deposit-under-read-lock}: deposit takes the read lock; writers are inside together and lose
 *       deposits;</li>
 *   <li>{@code java-read-write-lock}: a ReentrantReadWriteLock instead of gokata's RWMutex: correct Java, not the
 *       kata's lesson; the balance has no RWMutex for the test to hold;</li>
 *   <li>{@code tryrlock-spin}: read() spins on {@code mu.tryRLock()}: while a writer holds the lock, a reader
 *       busy-waits instead of parking in rLock;</li>
 *   <li>{@code on-read-before-rlock}: read() calls onRead() before it takes the read lock: the section the hook
 *       marks is not guarded.</li>
 * </ul>
 * {@link #eachSectionWaitsForTheLockItNeeds} holds the balance's RWMutex itself and sees, without timing, which calls
 * park and which go through.
 */
@Timeout(10)
class BalanceTest {
    /** A Balance that watches who is inside the read and write sections. */
    static final class Probed extends Balance {
        final Concurrency readers = new Concurrency();
        final Concurrency writers = new Concurrency();
        final Queue<String> violations = new ConcurrentLinkedQueue<>();
        private final boolean awaitReaders;
        private volatile boolean missed;

        Probed(boolean awaitReaders) {
            this.awaitReaders = awaitReaders;
        }

        @Override
        protected void onRead() {
            readers.enter();
            try {
                if (writers.inside() > 0) {
                    violations.add("a reader was inside read() while a writer was inside deposit()");
                }
                if (awaitReaders && !missed && !readers.awaitOverlap(2, Duration.ofSeconds(1))) {
                    missed = true;
                }
            } finally {
                readers.exit();
            }
        }

        @Override
        protected void onWrite() {
            writers.enter();
            try {
                check();
                sleep(Duration.ofMillis(1)); // hold the section open, so an intruder is seen
                check();
            } finally {
                writers.exit();
            }
        }

        private void check() {
            if (readers.inside() > 0) {
                violations.add("a writer was inside deposit() while a reader was inside read()");
            }
            if (writers.inside() > 1) {
                violations.add("two writers were inside deposit() at the same time");
            }
        }
    }

    /** What a goroutine that called one operation did while the test held the lock. */
    private record Seen(boolean returned, Optional<WaitReason> parkedIn, int readSections, int writeSections) {
        /** True if the goroutine was parked in {@code reason}, and the operation's section had not started. */
        boolean parkedOutside(WaitReason reason) {
            return parkedIn.equals(Optional.of(reason)) && readSections == 0 && writeSections == 0;
        }

        /** What the goroutine did, for a message. */
        String what() {
            String sections = readSections + writeSections > 0 ? ", after it entered the section (onRead/onWrite)" : "";
            return (returned ? "it returned" : parkedIn.map(r -> "it waited in " + r).orElse("it kept running"))
                    + sections;
        }
    }

    /**
     * The test holds the balance's RWMutex (every one it keeps in a field) for writing, then for reading, and calls
     * read() and deposit(1), each from a goroutine of its own: under the write lock, read() parks in rLock and
     * deposit in lock, before their sections; under a read lock, read() goes through and deposit parks in lock.
     */
    @Test
    void eachSectionWaitsForTheLockItNeeds() {
        List<RWMutex> locks = Fields.valuesOf(new Balance(), Balance.class, RWMutex.class);
        assertTrue(!locks.isEmpty(), "the balance keeps no dev.gokata.runtime.RWMutex in a field: replace the Mutex"
                + " with private final RWMutex mu = new RWMutex();, lock()/unlock() in deposit and rLock()/rUnlock()"
                + " in read(); a ReentrantReadWriteLock is correct Java, but this kata is about Go's sync.RWMutex");
        Consumer<RWMutex> lock = RWMutex::lock;
        Consumer<RWMutex> rLock = RWMutex::rLock;
        Seen read = whileHeld(lock, RWMutex::unlock, Balance::read);
        assertTrue(read.parkedOutside(WaitReason.RWMUTEX_RLOCK), "while a writer held the lock, read(): "
                + read.what() + ". read() must first take the read lock, mu.rLock() (which parks until the writer"
                + " has left; not a loop around tryRLock), and only then call onRead() and read the balance");
        Seen deposit = whileHeld(lock, RWMutex::unlock, b -> b.deposit(1));
        assertTrue(deposit.parkedOutside(WaitReason.RWMUTEX_LOCK), "while another writer held the lock, deposit: "
                + deposit.what() + ". deposit must first take the exclusive lock, mu.lock(), and only then call"
                + " onWrite() and change the balance");
        Seen shared = whileHeld(rLock, RWMutex::rUnlock, Balance::read);
        assertTrue(shared.returned(), "while another reader held the read lock, read(): " + shared.what()
                + ". Readers share the lock: read() takes mu.rLock(), not mu.lock()");
        Seen excluded = whileHeld(rLock, RWMutex::rUnlock, b -> b.deposit(1));
        assertTrue(excluded.parkedOutside(WaitReason.RWMUTEX_LOCK), "while a reader held the read lock, deposit: "
                + excluded.what() + ". deposit must take the exclusive lock, mu.lock(), which waits until every"
                + " reader has left; a read lock lets it in beside readers");
    }

    /**
     * Holds every RWMutex of a fresh balance with {@code hold}, calls {@code op} on it from a goroutine, and reports
     * what that goroutine did within 2 s; releases the locks and waits for the goroutine before returning.
     */
    private static Seen whileHeld(Consumer<RWMutex> hold, Consumer<RWMutex> release, Consumer<Balance> op) {
        var balance = new Probed(false);
        List<RWMutex> locks = Fields.valuesOf(balance, Balance.class, RWMutex.class);
        var returned = new AtomicBoolean();
        var done = new WaitGroup();
        done.add(1);
        locks.forEach(hold);
        Seen seen;
        try {
            var g = go(() -> {
                try {
                    op.accept(balance);
                    returned.set(true);
                } finally {
                    done.done();
                }
            });
            Goroutines.pollUntil(() -> returned.get() || Goroutines.blockedIn(g).isPresent(), Duration.ofSeconds(2));
            seen = new Seen(returned.get(), Goroutines.blockedIn(g), balance.readers.entries(),
                    balance.writers.entries());
        } finally {
            locks.forEach(release);
        }
        done.await();
        return seen;
    }

    @Test
    void twoReadersAreInsideAtTheSameTime() {
        var balance = new Probed(true);
        var wg = new WaitGroup();
        wg.add(2);
        for (int i = 0; i < 2; i++) {
            go(() -> {
                try {
                    balance.read();
                } finally {
                    wg.done();
                }
            });
        }
        wg.await();
        assertEquals(2, balance.readers.peak(), "two goroutines calling read() could not be inside it at the same"
                + " time: read() must take the read lock (rLock/rUnlock), which readers share; only deposit takes"
                + " the exclusive lock");
    }

    @Test
    void aWriterIsAloneInsideAndReadersSeeAGrowingBalance() {
        var balance = new Probed(false);
        var wg = new WaitGroup();
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        for (int w = 0; w < 3; w++) {
            wg.add(1);
            go(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        balance.deposit(1);
                    }
                } finally {
                    wg.done();
                }
            });
        }
        for (int r = 0; r < 3; r++) {
            wg.add(1);
            go(() -> {
                try {
                    int last = 0;
                    for (int i = 0; i < 100; i++) {
                        int v = balance.read();
                        if (v < last || v > 60) {
                            seen.add("a reader saw " + v + " after " + last);
                        }
                        last = v;
                    }
                } finally {
                    wg.done();
                }
            });
        }
        wg.await();
        assertEquals(List.of(), balance.violations.stream().distinct().toList(), "deposit must hold the lock"
                + " exclusively (lock/unlock), and read() must hold the read lock (rLock/rUnlock)");
        assertEquals(List.of(), List.copyOf(seen), "the balance only grows, from 0 to 60");
        assertEquals(60, balance.read(), "3 goroutines deposited 1, 20 times each");
    }

    @Test
    void runPrintsTheReadsAndEndsAtTen() {
        var balance = new Balance();
        List<String> lines = Stdout.capture(() -> balance.run(10, 10, Duration.ofMillis(1)));
        assertEquals(10, lines.size(), "10 readers print one line each; got " + lines);
        assertTrue(lines.stream().allMatch(l -> l.matches("\\d+") && Integer.parseInt(l) <= 10),
                "every reader prints a balance from 0 to 10; got " + lines);
        assertEquals(10, balance.read(), "10 writers deposited 1 each");
    }
}

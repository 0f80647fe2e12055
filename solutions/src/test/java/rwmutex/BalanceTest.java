package rwmutex;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Go.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.WaitGroup;
import dev.gokata.testkit.Concurrency;
import dev.gokata.testkit.Stdout;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 *       deposits.</li>
 * </ul>
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

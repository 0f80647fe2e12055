package cond;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Go.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.Goroutine;
import dev.gokata.testkit.Stdout;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the cond kata: the waiter prints {@code foo} whether the writer comes last (the waiter is already
 * blocked) or first (the waiter starts after the write), and it does not busy-wait: the condition is checked a
 * handful of times, not once per millisecond. The grader's race detector proves the map is read and written under
 * the Cond's lock.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/cond/}):
 * <ul>
 *   <li>the untouched starter: polls the map every millisecond (about a hundred checks in 100 ms) and races on
 *       it;</li>
 *   <li>{@code signal-before-write-outside-lock}: the writer signals, then writes, without the lock: the waiter
 *       may wake, see the map still empty and wait forever; the unguarded write is a data race;</li>
 *   <li>{@code wait-without-predicate}: the waiter calls {@code await()} without checking the condition in a loop;
 *       when the writer came first its signal is lost and the waiter sleeps forever;</li>
 *   <li>{@code if-instead-of-while}: the waiter checks the condition once, with {@code if}: after a wake-up that
 *       finds the condition still false it goes on as if it were true.</li>
 * </ul>
 */
@Timeout(10)
class SignalTest {
    /** Signal whose condition checks are counted. */
    static final class Counted extends Signal {
        final AtomicInteger checks = new AtomicInteger();

        @Override
        protected boolean isEmpty() {
            checks.incrementAndGet();
            return super.isEmpty();
        }
    }

    @Test
    void theWaiterSleepsUntilTheWriterComesLast() {
        var s = new Counted();
        List<String> lines = Stdout.capture(() -> {
            var done = new CountDownLatch(1);
            Goroutine g = startWaiter(s, done);
            Awaitility.await("the waiter blocks").atMost(Duration.ofSeconds(2))
                    .until(() -> g.waitReason().isPresent() || g.finished());
            sleep(Duration.ofMillis(100));
            s.writer();
            awaitPrinted(done, "the writer came last");
        });
        assertEquals(List.of("foo"), lines, "the waiter prints sharedRsc[\"rsc1\"] once it is populated");
        assertTrue(s.checks.get() <= 3, "the waiter checked whether sharedRsc was empty " + s.checks.get()
                + " times while the writer took 100 ms: it polls (busy-waits); suspend it with c.await() in a"
                + " while loop, and let the writer wake it with c.signal()");
    }

    /** Signal whose condition is still false after the first write, as if another goroutine had taken it first. */
    static final class Taken extends Signal {
        final AtomicInteger checks = new AtomicInteger();
        final AtomicBoolean taken = new AtomicBoolean(true);

        @Override
        protected boolean isEmpty() {
            checks.incrementAndGet();
            return taken.get() || super.isEmpty();
        }
    }

    @Test
    void theWaiterRechecksTheConditionAfterEveryWakeUp() {
        var s = new Taken();
        List<String> lines = Stdout.capture(() -> {
            var done = new CountDownLatch(1);
            Goroutine g = startWaiter(s, done);
            Awaitility.await("the waiter blocks").atMost(Duration.ofSeconds(2))
                    .until(() -> g.waitReason().isPresent() || g.finished());
            s.writer(); // wakes the waiter, but isEmpty() still reports empty
            Awaitility.await("the waiter re-checks and blocks again").atMost(Duration.ofSeconds(2))
                    .until(() -> (s.checks.get() >= 2 && g.waitReason().isPresent()) || g.finished());
            assertFalse(g.finished(), "the waiter woke up and went on although isEmpty() still said the map was"
                    + " empty: a wake-up does not mean the condition is true (another goroutine may have taken the"
                    + " resource first, a broadcast wakes every waiter). Re-check the condition in a loop,"
                    + " while (isEmpty()) c.await(); not if (isEmpty()) c.await();");
            s.taken.set(false);
            s.writer();
            awaitPrinted(done, "the condition became true on the second write");
        });
        assertEquals(List.of("foo"), lines, "the waiter prints sharedRsc[\"rsc1\"] once it is populated");
    }

    @Test
    void theWaiterDoesNotMissAWriterThatCameFirst() {
        var s = new Counted();
        List<String> lines = Stdout.capture(() -> {
            s.writer();
            var done = new CountDownLatch(1);
            startWaiter(s, done);
            awaitPrinted(done, "the writer came first");
        });
        assertEquals(List.of("foo"), lines, "the waiter prints sharedRsc[\"rsc1\"] once it is populated");
    }

    @Test
    void runPrintsFoo() {
        assertEquals(List.of("foo"), Stdout.capture(() -> new Signal().run(Duration.ofMillis(20))),
                "run starts the waiter, writes after 20 ms and waits for the waiter");
    }

    /** Starts {@code s.waiter()} in a goroutine that counts {@code done} down when it returns. */
    private static Goroutine startWaiter(Signal s, CountDownLatch done) {
        return go(() -> {
            try {
                s.waiter();
            } finally {
                done.countDown();
            }
        });
    }

    private static void awaitPrinted(CountDownLatch done, String when) {
        try {
            assertTrue(done.await(2, TimeUnit.SECONDS), "the waiter never returned when " + when + ": a lost"
                    + " wake-up. Check the condition under the lock in a loop, while (isEmpty()) c.await(); and"
                    + " change the map and signal while holding the same lock");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package broadcast;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Go.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.WaitReason;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Sandbox;
import dev.gokata.testkit.Stdout;
import dev.gokata.testkit.WriterDuringACheck;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the broadcast kata: with both waiters already asleep, one write wakes both and they print foo and
 * bar (in either order) without busy-waiting; {@code run} prints the same, its writer held back until both waiters
 * sleep. Each waiter checks its key under the lock, before it waits and after every wake-up: a writer that came
 * first, or that comes while the waiter checks, is not missed, and a wake-up with the key still missing sends the
 * waiter back to sleep. {@link BroadcastCallsTest} checks that the writer broadcasts rather than signals.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/broadcast/}):
 * <ul>
 *   <li>the untouched starter: both waiters poll every millisecond, and race on the map;</li>
 *   <li>{@code signal-instead-of-broadcast}: one signal wakes one waiter; the other sleeps forever (and
 *       {@code run} deadlocks);</li>
 *   <li>{@code signal-once-per-key}: a signal after each write; both waiters happen to wake, but it is two
 *       wake-ups where one broadcast says "the state changed, everybody re-check" (fails
 *       {@link BroadcastCallsTest});</li>
 *   <li>{@code wait-without-predicate}: the waiter calls {@code c.await()} without checking its key; when the
 *       writer came first, its broadcast is lost and the waiter sleeps forever;</li>
 *   <li>{@code if-instead-of-while}: the waiter checks its key once, with {@code if}: woken while its key is still
 *       missing, it goes on as if it were there;</li>
 *   <li>{@code check-outside-lock}: {@code while (missing(key)) { lock; await; unlock; }}: a writer that writes and
 *       broadcasts between the check and the lock is missed, and the waiter sleeps forever.</li>
 * </ul>
 */
@Timeout(10)
class BroadcastTest {
    /** Broadcast whose condition checks are counted. */
    static final class Counted extends Broadcast {
        final AtomicInteger checks = new AtomicInteger();

        @Override
        protected boolean missing(String key) {
            checks.incrementAndGet();
            return super.missing(key);
        }
    }

    /** Broadcast whose writer writes only once both waiters have checked their key and gone to sleep. */
    static final class LateWriter extends Broadcast {
        private static final Set<WaitReason> ASLEEP = Set.of(WaitReason.COND_WAIT, WaitReason.SLEEP);
        private final Set<Goroutine> waiters = ConcurrentHashMap.newKeySet();

        @Override
        protected boolean missing(String key) {
            waiters.add(Goroutine.current());
            return super.missing(key);
        }

        @Override
        public void writer() {
            Goroutines.pollUntil(this::bothAsleep, Duration.ofSeconds(2)); // then it writes anyway
            super.writer();
        }

        private boolean bothAsleep() {
            return waiters.size() == 2 && waiters.stream()
                    .allMatch(g -> g.finished() || g.waitReason().filter(ASLEEP::contains).isPresent());
        }
    }

    @Test
    void oneWriteWakesBothSleepingWaiters() {
        var b = new Counted();
        List<String> lines = Stdout.capture(() -> {
            var done = new CountDownLatch(2);
            Goroutine g1 = go(() -> {
                try {
                    b.waiter("rsc1");
                } finally {
                    done.countDown();
                }
            });
            Goroutine g2 = go(() -> {
                try {
                    b.waiter("rsc2");
                } finally {
                    done.countDown();
                }
            });
            Awaitility.await("both waiters block").atMost(Duration.ofSeconds(2)).until(() ->
                    (g1.waitReason().isPresent() || g1.finished()) && (g2.waitReason().isPresent() || g2.finished()));
            sleep(Duration.ofMillis(100));
            b.writer();
            try {
                assertTrue(done.await(2, TimeUnit.SECONDS), (2 - done.getCount()) + " of the 2 waiters woke up after"
                        + " the write: signal() wakes one waiter, broadcast() wakes every waiter");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
        assertEquals(List.of("bar", "foo"), lines.stream().sorted().toList(), "the waiters print foo and bar");
        assertTrue(b.checks.get() <= 6, "the waiters checked their keys " + b.checks.get() + " times while the writer"
                + " took 100 ms: they poll (busy-wait); suspend them with c.await() in a while loop");
    }

    /** A writer that came before the waiter must not leave it asleep: the waiter checks its key before waiting. */
    @Test
    void theWaiterDoesNotMissAWriterThatCameFirst() {
        var b = new Broadcast();
        List<String> lines = Stdout.capture(() -> {
            b.writer();
            var done = new CountDownLatch(1);
            Goroutine g = startWaiter(b, "rsc2", done);
            Awaitility.await("the waiter prints, or waits").atMost(Duration.ofSeconds(2))
                    .until(() -> g.finished() || g.waitReason().filter(WaitReason.COND_WAIT::equals).isPresent());
            boolean asleep = !g.finished();
            if (asleep) {
                b.writer(); // wake it, so that it ends
            }
            awaitPrinted(done, "the writer came again");
            assertFalse(asleep, "the writer had written rsc2 and broadcast before the waiter started, yet the waiter"
                    + " went to sleep in c.await(): nobody would ever wake it (a lost wake-up). Check the key before"
                    + " waiting, under the lock and in a loop: while (missing(key)) c.await();");
        });
        assertEquals(List.of("bar"), lines, "the waiter for rsc2 prints bar");
    }

    /** Broadcast whose keys are still missing after the first write, as if another goroutine had taken them. */
    static final class Taken extends Broadcast {
        final AtomicInteger checks = new AtomicInteger();
        final AtomicBoolean taken = new AtomicBoolean(true);

        @Override
        protected boolean missing(String key) {
            checks.incrementAndGet();
            return taken.get() || super.missing(key);
        }
    }

    /** A broadcast only says "re-check": a waiter woken while its key is still missing must wait again. */
    @Test
    void theWaiterRechecksItsKeyAfterEveryWakeUp() {
        var b = new Taken();
        List<String> lines = Stdout.capture(() -> {
            var done = new CountDownLatch(1);
            Goroutine g = startWaiter(b, "rsc1", done);
            Awaitility.await("the waiter blocks").atMost(Duration.ofSeconds(2))
                    .until(() -> g.waitReason().isPresent() || g.finished());
            b.writer(); // wakes the waiter, but missing("rsc1") still says it is missing
            Awaitility.await("the waiter re-checks and blocks again").atMost(Duration.ofSeconds(2))
                    .until(() -> (b.checks.get() >= 2 && g.waitReason().isPresent()) || g.finished());
            assertFalse(g.finished() && b.checks.get() == 0, "the waiter went on after the broadcast without ever"
                    + " calling missing(key): check its key with missing(key) (these tests steer it), under the lock"
                    + " and in a loop: while (missing(key)) c.await();");
            assertFalse(g.finished(), "the waiter woke up and went on although missing(\"rsc1\") still said its key"
                    + " was missing: a broadcast wakes every waiter, whatever it waits for, and another goroutine may"
                    + " have taken the resource first. Re-check the key in a loop, while (missing(key)) c.await();"
                    + " not if (missing(key)) c.await();");
            b.taken.set(false);
            b.writer();
            awaitPrinted(done, "its key was written the second time");
        });
        assertEquals(List.of("foo"), lines, "the waiter for rsc1 prints foo once its key is there");
    }

    /** Broadcast whose first missing(key) brings a writer ({@link WriterDuringACheck}). */
    static final class WriterDuringTheCheck extends Broadcast {
        final WriterDuringACheck gap = new WriterDuringACheck();

        @Override
        protected boolean missing(String key) {
            boolean missing = super.missing(key);
            gap.onCheck(this::writer);
            return missing;
        }
    }

    /**
     * The writer comes while the waiter is inside its first missing(key): the waiter must hold the lock then, so
     * that the writer can write and broadcast only once the waiter sleeps in c.await().
     */
    @Test
    void theWaiterChecksItsKeyUnderTheLock() {
        var b = new WriterDuringTheCheck();
        List<String> lines = Stdout.capture(() -> {
            var done = new CountDownLatch(1);
            Goroutine g = startWaiter(b, "rsc1", done);
            Awaitility.await("the waiter checks and blocks").atMost(Duration.ofSeconds(3))
                    .until(() -> g.waitReason().isPresent() || g.finished());
            if (!b.gap.checked() || b.gap.wroteDuringTheCheck()) {
                b.writer(); // the waiter never checked, or it missed the broadcast: wake it, so that it ends
            }
            awaitPrinted(done, "a writer came while it checked its key");
            b.gap.awaitWriterEnded();
        });
        assertFalse(b.gap.wroteDuringTheCheck(), "a writer wrote and broadcast while the waiter was between its"
                + " missing(key) check and its wait: the waiter checked its key without holding the Cond's lock, so"
                + " it missed that broadcast and would have slept forever (a lost wake-up). Lock first, then check"
                + " in the loop: c.l().lock(); try { while (missing(key)) c.await(); ... } finally { unlock }");
        assertEquals(List.of("foo"), lines, "the waiter for rsc1 prints foo");
    }

    @Test
    void runPrintsFooAndBar() {
        List<String> lines = Stdout.capture(() -> Sandbox.runToExit(() -> new LateWriter().run(Duration.ZERO),
                Duration.ofSeconds(5), "run never returned: a waiter was left in Cond.await after the write, with"
                        + " every goroutine waiting. signal() wakes one waiter; broadcast() wakes every waiter"));
        assertEquals(List.of("bar", "foo"), lines.stream().sorted().toList(), "run prints foo and bar, in any order,"
                + " when its writer writes after both waiters went to sleep");
    }

    /** Starts {@code b.waiter(key)} in a goroutine that counts {@code done} down when it returns. */
    private static Goroutine startWaiter(Broadcast b, String key, CountDownLatch done) {
        return go(() -> {
            try {
                b.waiter(key);
            } finally {
                done.countDown();
            }
        });
    }

    private static void awaitPrinted(CountDownLatch done, String when) {
        try {
            assertTrue(done.await(2, TimeUnit.SECONDS), "the waiter never returned when " + when + ": a lost"
                    + " wake-up. Check the key under the lock in a loop, while (missing(key)) c.await(); and write"
                    + " and broadcast while holding the same lock");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

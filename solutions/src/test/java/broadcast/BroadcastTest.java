package broadcast;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Go.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.WaitReason;
import dev.gokata.testkit.Sandbox;
import dev.gokata.testkit.Stdout;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the broadcast kata: with both waiters already asleep, one write wakes both and they print foo and
 * bar (in either order) without busy-waiting; {@code run} prints the same, its writer held back until both waiters
 * sleep. {@link BroadcastCallsTest} checks that the writer broadcasts rather than signals.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/broadcast/}):
 * <ul>
 *   <li>the untouched starter: both waiters poll every millisecond, and race on the map;</li>
 *   <li>{@code signal-instead-of-broadcast}: one signal wakes one waiter; the other sleeps forever (and
 *       {@code run} deadlocks);</li>
 *   <li>{@code signal-once-per-key}: a signal after each write; both waiters happen to wake, but it is two
 *       wake-ups where one broadcast says "the state changed, everybody re-check" (fails
 *       {@link BroadcastCallsTest}).</li>
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
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos(); // then it writes anyway
            while (!bothAsleep() && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(1));
            }
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

    @Test
    void runPrintsFooAndBar() {
        List<String> lines = Stdout.capture(() -> Sandbox.runToExit(() -> new LateWriter().run(Duration.ZERO),
                Duration.ofSeconds(5), "run never returned: a waiter was left in Cond.await after the write, with"
                        + " every goroutine waiting. signal() wakes one waiter; broadcast() wakes every waiter"));
        assertEquals(List.of("bar", "foo"), lines.stream().sorted().toList(), "run prints foo and bar, in any order,"
                + " when its writer writes after both waiters went to sleep");
    }
}

package cond;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Go.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.WaitReason;
import dev.gokata.testkit.Stdout;
import dev.gokata.testkit.WriterDuringACheck;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the cond kata: the waiter prints {@code foo} whether the writer comes last (the waiter is already
 * blocked) or first (the waiter starts after the write), and it does not busy-wait: the condition is checked a
 * handful of times, not once per millisecond, and it sleeps in {@code c.await()}; a writer that comes while the
 * waiter checks the condition waits for the lock. The grader's race detector proves the map is read and written
 * under the Cond's lock.
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
 *       finds the condition still false it goes on as if it were true;</li>
 *   <li>{@code check-outside-lock}: {@code while (isEmpty()) { lock; await; unlock; }}: a writer that writes and
 *       signals between the check and the lock is missed, and the waiter sleeps forever;</li>
 *   <li>{@code locked-poll}: the waiter polls the map under the lock, with a sleep between the checks, and never
 *       waits on the Cond (nor calls {@code isEmpty()}).</li>
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
        var blockedIn = new AtomicReference<WaitReason>();
        List<String> lines = Stdout.capture(() -> {
            var done = new CountDownLatch(1);
            Goroutine g = startWaiter(s, done);
            Awaitility.await("the waiter blocks").atMost(Duration.ofSeconds(2)).until(() -> {
                g.waitReason().ifPresent(blockedIn::set);
                return blockedIn.get() != null || g.finished();
            });
            sleep(Duration.ofMillis(100));
            s.writer();
            awaitPrinted(done, "the writer came last");
        });
        assertEquals(List.of("foo"), lines, "the waiter prints sharedRsc[\"rsc1\"] once it is populated");
        assertTrue(s.checks.get() <= 3, "the waiter checked whether sharedRsc was empty " + s.checks.get()
                + " times while the writer took 100 ms: it polls (busy-waits); suspend it with c.await() in a"
                + " while loop, and let the writer wake it with c.signal()");
        WaitReason blocked = blockedIn.get();
        assertTrue(blocked == null || blocked == WaitReason.COND_WAIT, "while the writer had not written, the waiter"
                + " waited in " + blocked + ", not in sync.Cond.Wait: it polls the map (a busy-wait, however long it"
                + " sleeps between checks). Suspend it on the Cond: c.l().lock(); while (isEmpty()) c.await(); and let"
                + " the writer wake it with c.signal()");
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
            assertFalse(g.finished() && s.checks.get() == 0, "the waiter went on after the write without ever calling"
                    + " isEmpty(): check the condition with isEmpty() (these tests steer it), under the lock and in a"
                    + " loop: while (isEmpty()) c.await();");
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

    /** Signal whose first isEmpty() brings a writer ({@link WriterDuringACheck}). */
    static final class WriterDuringTheCheck extends Signal {
        final WriterDuringACheck gap = new WriterDuringACheck();

        @Override
        protected boolean isEmpty() {
            boolean empty = super.isEmpty();
            gap.onCheck(this::writer);
            return empty;
        }
    }

    /**
     * The writer comes while the waiter is inside its first isEmpty(): the waiter must hold the lock then, so that
     * the writer can write and signal only once the waiter sleeps in c.await().
     */
    @Test
    void theWaiterChecksTheConditionUnderTheLock() {
        var s = new WriterDuringTheCheck();
        List<String> lines = Stdout.capture(() -> {
            var done = new CountDownLatch(1);
            Goroutine g = startWaiter(s, done);
            Awaitility.await("the waiter checks and blocks").atMost(Duration.ofSeconds(3))
                    .until(() -> g.waitReason().isPresent() || g.finished());
            if (!s.gap.checked() || s.gap.wroteDuringTheCheck()) {
                s.writer(); // the waiter never checked, or it missed the signal: wake it, so that it ends
            }
            awaitPrinted(done, "a writer came while it checked the condition");
            s.gap.awaitWriterEnded();
        });
        assertFalse(s.gap.wroteDuringTheCheck(), "a writer wrote and signalled while the waiter was between its"
                + " isEmpty() check and its wait: the waiter checked the condition without holding the Cond's lock, so"
                + " it missed that signal and would have slept forever (a lost wake-up). Lock first, then"
                + " check in the loop: c.l().lock(); try { while (isEmpty()) c.await(); ... } finally { unlock }");
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

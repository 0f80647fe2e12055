package ownership;

import static dev.gokata.runtime.Go.go;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Go;
import dev.gokata.runtime.GoPanic;
import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.GroupedDump;
import dev.gokata.runtime.Outcome;
import dev.gokata.runtime.RecvChan;
import dev.gokata.runtime.WaitReason;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Sandbox;
import dev.gokata.testkit.Stdout;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hidden tests of the kata "Channel ownership". {@code owner} is called through reflection, so a solution that kept
 * the starter's {@code Chan<Integer>} return type still runs and only the type test fails. Every run is sandboxed, so
 * the misuses ownership prevents show up as Go's own verdicts ({@code panic: close of closed channel},
 * {@code panic: send on closed channel}, a deadlock) and the test names the ownership rule that was broken.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/ownership/):
 * <ul>
 *   <li>{@code bidirectional-return}: works, but returns the {@code Chan}: the type test fails.</li>
 *   <li>{@code no-close}: the consumer's range waits forever after the last value: a deadlock.</li>
 *   <li>{@code closes-twice}: {@code panic: close of closed channel}.</li>
 *   <li>{@code close-before-sending}: {@code owner()} closes the channel as it returns while its goroutine still
 *       sends: {@code panic: send on closed channel}.</li>
 *   <li>{@code sends-in-the-caller}: {@code owner()} sends on the unbuffered channel itself, before it has returned
 *       the channel to anyone who could receive: a deadlock.</li>
 *   <li>{@code buffered-fill-in-the-caller}: {@code owner()} makes a channel with room for all n values, fills and
 *       closes it itself, and starts no goroutine: every range works, but the owner-goroutine test fails.</li>
 *   <li>{@code goroutine-per-value}: {@code owner()} starts a goroutine per value and one that closes after a
 *       WaitGroup: the values come out in order only by luck; the owner-goroutine test counts more than one.</li>
 *   <li>{@code separate-closer}: a buffered channel, one goroutine that sends and another that closes it: a send
 *       on a closed channel on unlucky schedules; the owner-goroutine test counts two.</li>
 *   <li>{@code buffered-joins-its-goroutine}: a channel buffered for all n values, one owner goroutine, and
 *       {@code owner()} waits for it to finish before returning the channel: every range works, but the
 *       goroutine that calls {@code owner()} begins a wait ({@code [sync.WaitGroup.Wait]}) before it returns.</li>
 * </ul>
 */
@Timeout(20)
class OwnershipTest {
    private static final Duration LIMIT = Duration.ofSeconds(3);
    private static final Duration GRACE = Duration.ofMillis(500);
    /** How often the test looks at the goroutine that calls owner(). */
    private static final Duration LOOK = Duration.ofMillis(1);
    /** Values enough that sending them all takes an owner goroutine many looks. */
    private static final int MANY = 10_000;

    @Test
    void ownerHandsOutOnlyTheReceiveSide() {
        Type returned = owner().getGenericReturnType();
        boolean recvOnly = returned instanceof ParameterizedType p && p.getRawType() == RecvChan.class
                && p.getActualTypeArguments()[0] == Integer.class;
        assertTrue(recvOnly, "owner() returns " + returned.getTypeName().replace("dev.gokata.runtime.", "")
                + ": declare it to return RecvChan<Integer> (Go's <-chan int). Then a utilizer cannot send on the "
                + "channel or close it; only the owner can");
    }

    @Test
    void mainPrintsEveryValueThenDone() {
        var captured = Stdout.captureResult(() -> runOwned(() -> {
            Ownership.main(new String[0]);
        }));
        List<String> expected = Stream.concat(IntStream.range(0, 6).mapToObj(i -> "Received: " + i),
                Stream.of("Done receiving!")).toList();
        assertEquals(expected, captured.lines(), "main should print Received: 0 to 5, then Done receiving!");
        Sandbox.assertNoLeaks(captured.value(), GRACE, "main returned, but the owner goroutine is still running");
    }

    @ParameterizedTest(name = "{0} values")
    @ValueSource(ints = {0, 1, 6, 50})
    void theOwnerWritesEveryValueInOrderThenCloses(int n) {
        var received = new ArrayList<Integer>();
        var run = runOwned(() -> {
            for (int v : (RecvChan<Integer>) call(n)) {
                received.add(v);
            }
        });
        assertEquals(IntStream.range(0, n).boxed().toList(), received, "ranging over owner(" + n + ")");
        Sandbox.assertNoLeaks(run, GRACE, "every value of owner(" + n + ") was received and the channel closed, "
                + "but the owner goroutine is still running");
    }

    /**
     * The writing and the close belong to the one goroutine that {@code owner()} starts, counted by
     * {@link Goroutines#countStarts} (no clock, no schedule).
     */
    @Test
    void ownerStartsTheGoroutineThatWritesAndCloses() {
        var startedByOwner = new ArrayList<Long>();
        runOwned(() -> {
            var owned = Goroutines.countStarts(() -> (RecvChan<Integer>) call(3));
            startedByOwner.add(owned.goroutines());
            owned.result().forEach(v -> { }); // drain it, so that the owner goroutine can finish
        });
        assertTrue(startedByOwner.getFirst() > 0, "owner(3) returned without starting a goroutine: it sent the "
                + "values and closed the channel itself, before returning it (a buffer big enough for every value "
                + "let it). The owner is a goroutine: start one with go(...) that sends 0..n-1 and then closes the "
                + "channel, and return the channel at once, so that the values are sent while a utilizer receives "
                + "them, however many there are");
        assertEquals(1, startedByOwner.getFirst(), "owner(3) started " + startedByOwner.getFirst() + " goroutines:"
                + " the channel then has several writers (a goroutine per value, or a second goroutine that closes),"
                + " and which value comes first, or whether the close comes after the last send, is up to the"
                + " scheduler. Ownership means one owner goroutine: start exactly one, which sends 0..n-1 in order and"
                + " then closes the channel itself (in a finally)");
    }

    /**
     * owner() returns at once: it starts the owner goroutine and hands out the channel without waiting for anything,
     * so that the values are sent while a utilizer receives them. owner({@value #MANY}) is called in a goroutine of
     * its own, whose wait number ({@link Goroutine#waitNumber}) is read before and after the call: a correct owner()
     * begins no wait (making a channel and starting a goroutine do not wait), whatever the schedule. One that joins
     * its goroutine waits while that goroutine sends {@value #MANY} values into the buffer (milliseconds), unless the
     * goroutine is done before the join even begins. The test also looks at that goroutine every millisecond, to name
     * what it waited in. Only an owner() that starts one goroutine is called so: one that starts a goroutine per
     * value fails {@link #ownerStartsTheGoroutineThatWritesAndCloses}, and would start {@value #MANY} here.
     */
    @Test
    void ownerReturnsTheChannelWithoutWaitingForItsGoroutine() {
        var waits = new AtomicInteger();
        var waited = new AtomicReference<WaitReason>();
        runOwned(() -> {
            var few = Goroutines.countStarts(() -> (RecvChan<Integer>) call(3));
            few.result().forEach(v -> { });
            if (few.goroutines() != 1) {
                return; // ownerStartsTheGoroutineThatWritesAndCloses fails it; MANY goroutines would burden the JVM
            }
            Chan<RecvChan<Integer>> handedOut = Chan.make(1);
            Goroutine caller = go(() -> {
                int before = Goroutine.current().waitNumber();
                var owned = (RecvChan<Integer>) call(MANY);
                waits.set(Goroutine.current().waitNumber() - before);
                handedOut.send(owned);
            });
            while (!caller.finished() && waited.get() == null) {
                Goroutines.blockedIn(caller).ifPresent(waited::set);
                Go.sleep(LOOK);
            }
            int received = 0;
            for (int v : handedOut.recv()) {
                received++;
            }
            assertEquals(MANY, received, "values received from owner(" + MANY + ")");
        });
        assertEquals(0, waits.get(), () -> "owner(" + MANY + ") waited" + (waited.get() == null ? ""
                : " in [" + waited.get().text() + "]") + " before it returned the channel: it waited for its "
                + "goroutine to finish, so every value was sent into the channel's buffer before anyone could receive "
                + "one, and the buffer must have room for all of them. Return the channel at once, right after "
                + "go(...): the owner goroutine then sends while a utilizer receives, and an unbuffered channel "
                + "(Chan.make()) needs no room for the values");
    }

    // ---- helpers ----

    /**
     * Runs {@code main} sandboxed and fails with the ownership rule that a panic or deadlock shows was broken. Once
     * {@code main} is done, the goroutines it started get up to {@link #GRACE} to finish, so that a panic of the owner
     * goroutine after the last receive (a send on the channel someone else closed) still becomes the program's
     * verdict instead of going unnoticed after main returned: the runtime records a panic before the goroutine
     * leaves the program.
     */
    private static Sandbox.Run runOwned(Runnable main) {
        Sandbox.Run run = Sandbox.run(() -> {
            var baseline = Goroutines.baseline();
            main.run();
            baseline.settle(GRACE);
        }, LIMIT);
        switch (run.outcome()) {
            case Outcome.Exited e -> {
            }
            case Outcome.Panicked p when p.cause() instanceof AssertionError e -> throw e;
            case Outcome.Panicked p when p.cause() instanceof GoPanic g -> fail(switch (g.getMessage()) {
                case "close of closed channel" -> "the channel was closed twice. Only its owner closes it, exactly "
                        + "once, after its last send (a finally block at the end of the owner goroutine)";
                case "send on closed channel" -> "the channel was closed while the owner goroutine was still "
                        + "sending. Only the goroutine that writes may close, and only after its last send";
                case "close of nil channel" -> "a nil channel was closed: the owner creates the channel "
                        + "(Chan.make()) before anything else uses it";
                default -> "the program panicked";
            } + "\n\nGo's runtime says:\n" + p.report(), p.cause());
            case Outcome.Panicked p -> fail("the program panicked:\n" + p.report(), p.cause());
            case Outcome.Deadlocked d -> fail("every goroutine is blocked. Either the owner never closes its "
                    + "channel (the consumer's range then waits forever after the last value), or owner() sends "
                    + "before returning the channel (nobody can receive yet: start a goroutine that sends, and "
                    + "return at once)\n\nGo's runtime says:\n" + GroupedDump.ofReport(d.report()));
            case Outcome.TimedOut t -> fail("the program did not finish within " + t.limit().toMillis() + " ms\n\n"
                    + GroupedDump.ofReport(t.report()));
        }
        return run;
    }

    private static Method owner() {
        try {
            return Ownership.class.getMethod("owner", int.class);
        } catch (NoSuchMethodException e) {
            throw new AssertionError("Ownership has no public static method owner(int)", e);
        }
    }

    private static Object call(int n) {
        try {
            return owner().invoke(null, n);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError("Ownership.owner must be public static", e);
        }
    }
}

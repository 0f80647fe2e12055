package dev.gokata.testkit;

import static dev.gokata.runtime.Go.go;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.Select;
import dev.gokata.runtime.WaitReason;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The hidden tests' wait for a kata's goroutines to end, and what its failure shows the student. */
class GoroutinesTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    void aGoroutineStillBlockedIsShownWithItsWaitAndItsLine() {
        Sandbox.runToExit(() -> {
            var baseline = Goroutines.baseline();
            var ch = Chan.<Integer>make();
            int line = new Throwable().getStackTrace()[0].getLineNumber(); go(() -> ch.send(1)); // nobody receives

            var failure = assertThrows(AssertionError.class,
                    () -> baseline.assertAllEnded(Duration.ofMillis(50), "the kata's code returned: advice"));

            String message = failure.getMessage();
            assertTrue(message.startsWith("1 goroutine was still alive 50 ms after the kata's code returned: advice"
                    + "\n\nStill running:\ngoroutine 2 [chan send]:\n"), message);
            assertTrue(message.contains("GoroutinesTest.java:" + line), message);
            ch.recv(); // lets it end
        }, LIMIT, "the test deadlocked");
    }

    @Test
    void aGoroutineWokenFromItsWaitIsNotBlockedInItAnyMore() {
        Sandbox.runToExit(() -> {
            var ch = Chan.<Integer>make();
            var release = new CountDownLatch(1);
            Goroutine receiver = go(() -> {
                ch.recv();
                try {
                    release.await(); // not a primitive of the runtime: blockedIn is empty here
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(Goroutines.pollUntil(() -> Goroutines.blockedIn(receiver).isPresent(), LIMIT));
            assertEquals(Optional.of(WaitReason.CHAN_RECEIVE), Goroutines.blockedIn(receiver));

            ch.send(1); // wakes it; its wait reason stays set until it runs again

            assertEquals(Optional.empty(), Goroutines.blockedIn(receiver));
            release.countDown();
        }, LIMIT, "the test deadlocked");
    }

    @Test
    void aGoroutineThatPollsWakesWhileQuietAndOneThatWaitsDoesNot() {
        Sandbox.runToExit(() -> {
            var ch = Chan.<Integer>make();
            Goroutine waiter = go(ch::recv);
            Goroutine poller = go(() -> {
                boolean[] got = {false};
                while (!got[0]) {
                    Select.select().recv(ch, v -> got[0] = true).after(Duration.ofMillis(1), () -> { }).run();
                }
            });
            assertTrue(Goroutines.pollUntil(() -> Goroutines.blockedIn(waiter).isPresent(), LIMIT));

            assertEquals(OptionalInt.empty(), Goroutines.wakesWhileQuiet(waiter, Duration.ofMillis(30), () -> true));
            assertTrue(Goroutines.wakesWhileQuiet(poller, Duration.ofMillis(30), () -> true).isPresent());
            assertEquals(OptionalInt.empty(), Goroutines.wakesWhileQuiet(poller, Duration.ofMillis(30), () -> false),
                    "no longer quiet: the wakes tell nothing");
            ch.send(1);
            ch.send(2);
        }, LIMIT, "the test deadlocked");
    }

    @Test
    void goroutinesThatEndInTimeOrWereAliveBeforeTheBaselineAreNotTheKatas() {
        Sandbox.runToExit(() -> {
            var before = Chan.<Integer>make();
            go(before::recv); // the test's own, alive before the baseline
            var baseline = Goroutines.baseline();
            var done = Chan.<Integer>make();
            go(done::recv);
            go(done::close);

            assertEquals(List.of(), baseline.settle(LIMIT));
            baseline.assertAllEnded(LIMIT, "nothing");
            before.close();
        }, LIMIT, "the test deadlocked");
    }
}

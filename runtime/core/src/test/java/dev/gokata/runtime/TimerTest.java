package dev.gokata.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Go's time.Timer, time.After, time.AfterFunc and time.Ticker, with Go 1.19's return values. */
@Timeout(10)
class TimerTest {

    /** True if a value arrives on {@code ch} within {@code d}. */
    private static boolean arrivesWithin(RecvChan<?> ch, Duration d) {
        var got = new AtomicBoolean();
        Select.select().recv(ch, v -> got.set(true)).after(d, () -> { }).run();
        return got.get();
    }

    @Test
    void givenAfter_whenReceiving_thenTheTimeArrivesAfterTheDuration() {
        long start = System.nanoTime();
        Instant sent = Go.after(Duration.ofMillis(50)).recv();
        assertNotNull(sent);
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(50).toNanos());
    }

    @Test
    void givenNewTimer_whenFired_thenItsChannelHoldsOneValueAndStopReturnsFalse() {
        Timer t = Timer.newTimer(Duration.ofMillis(20));
        await().atMost(Duration.ofSeconds(5)).until(() -> t.c().len() == 1);
        assertEquals(1, t.c().cap());
        assertFalse(t.stop(), "already fired");
        assertNotNull(t.c().recv());
    }

    @Test
    void givenPendingTimer_whenStopped_thenItReturnsTrueOnceAndNeverFires() {
        Timer t = Timer.newTimer(Duration.ofSeconds(10)); // long: a descheduled test thread must not see it fire
        assertTrue(t.stop());
        assertFalse(t.stop());
        assertFalse(arrivesWithin(t.c(), Duration.ofMillis(300)));
    }

    @Test
    void givenPendingTimer_whenReset_thenItReturnsTrueAndFiresAfterTheNewDuration() {
        Timer t = Timer.newTimer(Duration.ofSeconds(30));
        long start = System.nanoTime();
        assertTrue(t.reset(Duration.ofMillis(50)));
        assertNotNull(t.c().recv());
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= Duration.ofMillis(50).toNanos() && elapsed < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void givenFiredTimer_whenReset_thenItReturnsFalseAndFiresAgain() {
        Timer t = Timer.newTimer(Duration.ofMillis(10));
        assertNotNull(t.c().recv());
        assertFalse(t.reset(Duration.ofMillis(10)));
        assertNotNull(t.c().recv());
    }

    @Test
    void givenAfterFunc_whenItFires_thenFunctionRunsInANewGoroutineOfTheCreatingProgram() {
        var program = new Program();
        var ranIn = new AtomicReference<Goroutine>();
        Outcome outcome = program.run(() -> {
            Chan<Boolean> done = Chan.make();
            Go.afterFunc(Duration.ofMillis(20), () -> {
                ranIn.set(Goroutine.current());
                done.send(true);
            });
            done.recv();
        }, Duration.ofSeconds(5));

        assertInstanceOf(Outcome.Exited.class, outcome, outcome::report);
        Goroutine g = ranIn.get();
        assertSame(program, g.program());
        assertNotEquals(1, g.id());
        assertEquals(1, g.parentId());
        assertFalse(g.adopted());
    }

    /** Go's race between a due timer and stop, which the runtime settles the same way every time: the timer fires. */
    @Test
    void givenATimerWhoseTimeHasCome_whenStopped_thenItHasFiredEveryTime() {
        for (int i = 0; i < 200; i++) {
            Timer t = Timer.newTimer(Duration.ZERO);
            assertFalse(t.stop(), "round " + i + ": a due timer has fired, so stop returns false");
            assertEquals(1, t.c().len(), "round " + i + ": and its value is in the channel");
        }
    }

    @Test
    void givenAnAfterFuncWhoseTimeHasCome_whenStoppedOrReset_thenItsFunctionRunsEveryTime() {
        var ran = new AtomicInteger();
        for (int i = 0; i < 200; i++) {
            Timer t = Go.afterFunc(Duration.ZERO, ran::incrementAndGet);
            assertFalse(t.reset(Duration.ZERO), "round " + i + ": reset of a due timer, which has fired");
            assertFalse(t.stop(), "round " + i + ": stop of a due timer, which has fired");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 400);
    }

    @Test
    void givenAfterFunc_whenStoppedBeforeFiring_thenFunctionNeverRuns() {
        var ran = new AtomicBoolean();
        Timer t = Go.afterFunc(Duration.ofSeconds(10), () -> ran.set(true));
        assertTrue(t.stop());
        assertFalse(arrivesWithin(t.c(), Duration.ofMillis(200)), "an afterFunc timer's channel is nil");
        assertFalse(ran.get());
    }

    @Test
    void givenTicker_whenReceiving_thenTicksArriveRepeatedly() {
        Ticker ticker = Ticker.newTicker(Duration.ofMillis(10));
        for (int i = 0; i < 3; i++) {
            assertNotNull(ticker.c().recv());
        }
        ticker.stop();
    }

    @Test
    void givenSlowReceiver_whenTickerRuns_thenMissedTicksAreDropped() {
        Ticker ticker = Ticker.newTicker(Duration.ofMillis(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> ticker.c().len() == 1);
        // 20 periods without a receiver: the buffer keeps holding exactly one tick, the rest are dropped
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> ticker.c().len() == 1);
        assertNotNull(ticker.c().recv());
        ticker.stop();
    }

    @Test
    void givenStoppedTicker_whenWaiting_thenNoMoreTicksArrive() {
        Ticker ticker = Ticker.newTicker(Duration.ofMillis(10));
        assertNotNull(ticker.c().recv());
        ticker.stop();
        arrivesWithin(ticker.c(), Duration.ofMillis(30)); // at most one tick was already in flight
        assertFalse(arrivesWithin(ticker.c(), Duration.ofMillis(100)));
    }

    @Test
    void givenTicker_whenReset_thenTicksContinueWithTheNewPeriod() {
        Ticker ticker = Ticker.newTicker(Duration.ofSeconds(30));
        ticker.reset(Duration.ofMillis(10));
        assertNotNull(ticker.c().recv());
        ticker.stop();
    }

    @Test
    void givenNonPositivePeriod_whenMakingTicker_thenPanics() {
        var panic = assertThrows(GoPanic.class, () -> Ticker.newTicker(Duration.ZERO));
        assertEquals("non-positive interval for NewTicker", panic.getMessage());
    }
}

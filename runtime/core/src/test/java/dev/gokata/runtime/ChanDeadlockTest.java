package dev.gokata.runtime;

import static dev.gokata.runtime.Programs.awaitWaiting;
import static dev.gokata.runtime.Programs.join;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Go's {@code checkdead} for channels, select and timers: reported exactly when no goroutine can ever run again. */
@Timeout(15)
class ChanDeadlockTest {
    private static final String FATAL = "fatal error: all goroutines are asleep - deadlock!";
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private static String deadlockReport(Runnable main) {
        Outcome outcome = new Program().run(main, LIMIT);
        var deadlocked = assertInstanceOf(Outcome.Deadlocked.class, outcome, outcome::report);
        assertTrue(deadlocked.report().startsWith(FATAL + "\n\n"), deadlocked::report);
        return deadlocked.report();
    }

    private static void assertExits(Runnable main) {
        Outcome outcome = new Program().run(main, LIMIT);
        assertInstanceOf(Outcome.Exited.class, outcome, outcome::report);
    }

    private static void assertContains(String report, String expected) {
        assertTrue(report.contains(expected), () -> "expected «" + expected + "» in:\n" + report);
    }

    @Test
    void givenRangeOverNeverClosedChannel_whenSenderIsDone_thenDeadlockInChanReceive() {
        String report = deadlockReport(() -> {
            Chan<Integer> ch = Chan.make();
            Go.go(() -> {
                for (int i = 0; i < 3; i++) {
                    ch.send(i);
                }
            });
            for (int v : ch) {
                assertTrue(v >= 0);
            }
        });
        assertContains(report, "goroutine 1 [chan receive]:");
    }

    @Test
    void givenNilChannel_whenReceiving_thenDeadlockInNilChanReceive() {
        String report = deadlockReport(() -> Chan.<Integer>nil().recv());
        assertContains(report, "goroutine 1 [chan receive (nil chan)]:");
    }

    @Test
    void givenNilChannel_whenSending_thenDeadlockInNilChanSend() {
        String report = deadlockReport(() -> Chan.<Integer>nil().send(1));
        assertContains(report, "goroutine 1 [chan send (nil chan)]:");
    }

    @Test
    void givenEmptySelect_whenRun_thenDeadlockInSelectNoCases() {
        String report = deadlockReport(() -> Select.select().run());
        assertContains(report, "goroutine 1 [select (no cases)]:");
    }

    @Test
    void givenSelectOverNilChannelsOnly_whenRun_thenDeadlockInSelect() {
        String report = deadlockReport(() -> Select.select().recv(Chan.nil(), v -> { }).run());
        assertContains(report, "goroutine 1 [select]:");
    }

    @Test
    void givenUnbufferedSendWithNoReceiver_whenRun_thenDeadlockInChanSend() {
        String report = deadlockReport(() -> Chan.<Integer>make().send(1));
        assertContains(report, "goroutine 1 [chan send]:");
    }

    @Test
    void givenFullBuffer_whenSendingAgain_thenDeadlockInChanSend() {
        String report = deadlockReport(() -> {
            Chan<Integer> ch = Chan.make(1);
            ch.send(1);
            ch.send(2);
        });
        assertContains(report, "goroutine 1 [chan send]:");
    }

    @Test
    void givenTwoGoroutinesWaitingOnEachOther_whenRun_thenBothAppearInTheReport() {
        String report = deadlockReport(() -> {
            Chan<Integer> a = Chan.make();
            Chan<Integer> b = Chan.make();
            Go.go(() -> {
                a.recv();
                b.send(1);
            });
            b.recv();
        });
        assertContains(report, "goroutine 1 [chan receive]:");
        assertContains(report, "goroutine 2 [chan receive]:");
    }

    @Test
    void givenMainWaitingOnAfter_whenTheTimerIsPending_thenNoDeadlockAndMainCompletes() {
        assertExits(() -> Go.after(Duration.ofMillis(50)).recv());
    }

    @Test
    void givenMainWaitingOnAGoroutineThatSleeps_whenRun_thenNoDeadlock() {
        assertExits(() -> {
            Chan<String> ch = Chan.make();
            Go.go(() -> {
                Go.sleep(Duration.ofMillis(50));
                ch.send("awake");
            });
            ch.recv();
        });
    }

    @Test
    void givenMainWaitingOnAnAfterFunc_whenTheTimerIsPending_thenNoDeadlock() {
        assertExits(() -> {
            Chan<String> ch = Chan.make();
            Go.afterFunc(Duration.ofMillis(50), () -> ch.send("fired"));
            ch.recv();
        });
    }

    @Test
    void givenTimersThatFireAsTheirReceiverParks_whenRunManyTimes_thenNoFalseDeadlock() {
        // A timer of 0 fires at once, on the timer thread, often just as main counts itself blocked: the run's look
        // must not combine counts from before the firing with the timer count from after it.
        for (int run = 0; run < 10_000; run++) {
            assertExits(() -> {
                Go.after(Duration.ZERO).recv();
                Chan<String> ch = Chan.make();
                Go.afterFunc(Duration.ZERO, () -> ch.send("fired"));
                ch.recv();
            });
        }
    }

    @Test
    void givenSelectWithTimeout_whenNothingElseCanRun_thenNoDeadlock() {
        assertExits(() -> Select.select().recv(Chan.make(), v -> { }).after(Duration.ofMillis(50), () -> { }).run());
    }

    @Test
    void givenStoppedTimer_whenMainWaitsOnItsChannel_thenDeadlock() {
        String report = deadlockReport(() -> {
            Timer t = Timer.newTimer(Duration.ofHours(1));
            t.stop();
            t.c().recv();
        });
        assertContains(report, "goroutine 1 [chan receive]:");
    }

    @Test
    void givenStoppedTicker_whenMainWaitsOnItsChannel_thenDeadlock() {
        String report = deadlockReport(() -> {
            Ticker ticker = Ticker.newTicker(Duration.ofHours(1));
            ticker.stop();
            ticker.c().recv();
        });
        assertContains(report, "goroutine 1 [chan receive]:");
    }

    @Test
    void givenGoroutinesThatSpinWhileHandingOff_whenBothFinallyWaitForever_thenTheDeadlockIsReportedEveryTime() {
        // on two carriers, thousands of round trips teach both goroutines to spin before parking (Spinning); a
        // hand-off that completes during a spin never counts a goroutine as blocked, yet the final wait must be seen
        for (int run = 0; run < 10; run++) {
            String report = deadlockReport(() -> {
                Chan<Integer> ping = Chan.make();
                Chan<Integer> pong = Chan.make();
                Go.go(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        pong.send(ping.recv());
                    }
                    ping.recv();
                });
                for (int i = 0; i < 2_000; i++) {
                    ping.send(i);
                    pong.recv();
                }
                pong.recv();
            });
            assertContains(report, "goroutine 1 [chan receive]:");
        }
    }

    @Test
    void givenThousandsOfGoroutinesHandingOffToMain_thenTheProgramExitsWithoutAFalseDeadlock() {
        // these tests run under the race detector, which (as Go's, limited to 8128 live goroutines) is not made
        // for a hundred thousand goroutines at once
        for (int run = 0; run < 5; run++) {
            assertExits(() -> {
                Chan<Integer> ch = Chan.make();
                var wg = new WaitGroup();
                wg.add(5_000);
                for (int i = 0; i < 5_000; i++) {
                    Go.go(() -> {
                        ch.send(1);
                        wg.done();
                    });
                }
                for (int i = 0; i < 5_000; i++) {
                    ch.recv();
                }
                wg.await();
            });
        }
    }

    @Test
    void givenAThreadThatJoinedTheProgram_whenItEndsWhileMainWaitsForever_thenTheDeadlockIsReported() {
        String report = deadlockReport(() -> {
            Chan<Integer> ch = Chan.make();
            Goroutine main = Goroutine.current();
            var joined = new CountDownLatch(1);
            Thread.ofPlatform().start(() -> {
                Program.current(); // not a goroutine: it joins the program
                joined.countDown();
                awaitWaiting(main, WaitReason.CHAN_RECEIVE); // it ends only once main waits, and sends nothing
            });
            await(joined);
            ch.recv(); // if the thread ends after main parked, the run's next look reports
        });
        assertContains(report, "goroutine 1 [chan receive]:");
    }

    @Test
    void givenAThreadThatJoinedTheProgram_whileItLivesAndMainWaitsForIt_thenNoDeadlock() {
        assertExits(() -> {
            Chan<Integer> ch = Chan.make();
            Goroutine main = Goroutine.current();
            var joined = new CountDownLatch(1);
            Thread sender = Thread.ofPlatform().start(() -> {
                Program.current(); // not a goroutine: it joins the program
                joined.countDown();
                sendLate(ch, main).run();
            });
            await(joined);
            ch.recv();
            join(sender);
        });
    }

    @Test
    void givenAPlatformThreadStartedByMain_whileItHasNotUsedTheRuntimeYet_thenNoDeadlock() {
        assertExits(() -> {
            Chan<Integer> ch = Chan.make();
            Goroutine main = Goroutine.current();
            Thread sender = Thread.ofPlatform().start(sendLate(ch, main)); // its first use of the runtime
            ch.recv();
            join(sender);
        });
    }

    @Test
    void givenACommonPoolTaskStartedByMain_whileItRuns_thenNoDeadlock() {
        assertExits(() -> {
            Chan<Integer> ch = Chan.make();
            Goroutine main = Goroutine.current();
            var task = CompletableFuture.runAsync(sendLate(ch, main)); // its worker carries no program's loader
            ch.recv();
            task.join();
        });
    }

    @Test
    void givenAPlatformThreadStartedByMain_whenItEndsWithoutSending_thenTheDeadlockIsReported() {
        String report = deadlockReport(() -> {
            Goroutine main = Goroutine.current();
            Thread.ofPlatform().start(() -> awaitWaiting(main, WaitReason.CHAN_RECEIVE));
            Chan.make().recv();
        });
        assertContains(report, "goroutine 1 [chan receive]:");
    }

    @Test
    void givenAVirtualThreadStartedByMain_whenItSendsAMomentAfterMainWaits_thenNoFalseDeadlock() {
        // such a thread is seen only once it uses the runtime; a run reports only what two looks 10 ms apart find, so
        // one that computes for 2 ms first is never taken for a deadlock. Main waits at a random point of the run's
        // look period: with one look, about one run in five failed.
        for (int run = 0; run < 40; run++) {
            long late = ThreadLocalRandom.current().nextLong(TimeUnit.MILLISECONDS.toNanos(10));
            assertExits(() -> {
                Chan<Integer> ch = Chan.make();
                Goroutine main = Goroutine.current();
                Thread.ofVirtual().start(computeThenSend(ch, main, 2));
                Go.sleep(Duration.ofNanos(late));
                ch.recv();
            });
        }
    }

    @Test
    void givenAVirtualThreadStartedByMain_whenItComputesLongBeforeSending_thenNoFalseDeadlock() {
        assertExits(() -> {
            Chan<Integer> ch = Chan.make();
            Goroutine main = Goroutine.current();
            Thread.ofVirtual().start(computeThenSend(ch, main, 100));
            ch.recv();
        });
    }

    @Test
    void givenAVirtualThreadStartedByMain_whenItSleepsBeforeSending_thenNoFalseDeadlock() {
        assertExits(() -> {
            Chan<Integer> ch = Chan.make();
            Goroutine main = Goroutine.current();
            Thread.ofVirtual().start(() -> {
                awaitWaiting(main, WaitReason.CHAN_RECEIVE);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                ch.send(1);
            });
            ch.recv();
        });
    }

    @Test
    void givenNoTimeLimit_whenMainReturnsOrDeadlocks_thenTheOutcomeSaysWhich() {
        assertInstanceOf(Outcome.Exited.class, new Program().run(() -> { }));
        var deadlocked = assertInstanceOf(Outcome.Deadlocked.class, new Program().run(() -> Chan.make().recv()));
        assertContains(deadlocked.report(), "goroutine 1 [chan receive]:");
    }

    /** A thread's body: once {@code main} waits to receive, computes for {@code millis}, then sends on {@code ch}. */
    private static Runnable computeThenSend(Chan<Integer> ch, Goroutine main, long millis) {
        return () -> {
            awaitWaiting(main, WaitReason.CHAN_RECEIVE);
            long computed = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (System.nanoTime() < computed) {
                Thread.onSpinWait();
            }
            ch.send(1);
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Once {@code main} waits, lets several of the run's looks go by, each of which must find the sending thread
     * able to wake it, then sends 1 on {@code ch}.
     */
    private static Runnable sendLate(Chan<Integer> ch, Goroutine main) {
        return () -> {
            awaitWaiting(main, WaitReason.CHAN_RECEIVE);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            ch.send(1);
        };
    }
}

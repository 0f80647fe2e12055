package dev.gokata.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runtime's own carrier pool: goroutines run on it, a goroutine woken lazily is never left waiting, and the pool
 * runs one carrier while goroutines talk and every carrier once they compute.
 */
@Timeout(30)
class SchedulerTest {
    /** The waker's work after the wake-up: less than sysmon's tick, so that sysmon never moves the woken one. */
    private static final long BUSY_NANOS = 200_000;

    @Test
    void givenTheJvmOptionsOfTheBuild_whenAGoroutineRuns_thenItRunsOnTheRuntimesPool() {
        assertTrue(Scheduler.own(), "the tests run with " + JvmOptions.ALL + ", so the runtime's pool is used");
        var carrier = new AtomicReference<String>();
        Programs.runOk(() -> {
            var done = Chan.<Boolean>make();
            Go.go(() -> {
                carrier.set(Scheduler.carrierName().orElse("none"));
                done.send(true);
            });
            done.recv();
        });
        assertTrue(carrier.get().startsWith("ForkJoinPool"), carrier.get());
    }

    @Test
    void givenABufferedChannelsWakeUp_whenTheWakerNeverBlocksAgain_thenTheWokenGoroutineStillRuns() {
        assumeTrue(Scheduler.parallelism() >= 2, "needs a second carrier to take the woken goroutine");
        var received = new AtomicBoolean();
        var receivedWhileSpinning = new AtomicBoolean();
        Programs.runOk(() -> {
            Chan<Integer> ch = Chan.make(1);
            Goroutine receiver = Go.go(() -> {
                ch.recv();
                received.set(true);
            });
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.thread().getState() == Thread.State.WAITING);
            var sender = Go.go(() -> {
                ch.send(1); // wakes the receiver lazily: it waits on this goroutine's carrier
                long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!received.get() && System.nanoTime() < giveUp) {
                    Thread.onSpinWait(); // never blocks: only sysmon can hand the receiver to another carrier
                }
                receivedWhileSpinning.set(received.get());
            });
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(sender::finished);
        });
        assertTrue(receivedWhileSpinning.get(), "the receiver ran while its waker kept its carrier busy");
    }

    @Test
    void givenABufferedChannelsWakeUp_whenTheWakerWorksOnThenBlocks_thenTheWokenGoroutineRunsOnTheWakersCarrier() {
        assumeTrue(Scheduler.parallelism() >= 2, "needs an idle carrier that could take the woken goroutine");
        int trials = 40;
        var sameCarrier = new AtomicInteger();
        Programs.runOk(() -> {
            for (int i = 0; i < trials; i++) {
                Chan<Integer> ch = Chan.make(1);
                Chan<String> woken = Chan.make();
                Goroutine receiver = Go.go(() -> {
                    ch.recv();
                    woken.send(Scheduler.carrierName().orElse("none"));
                });
                spinUntil(() -> receiver.thread().getState() == Thread.State.WAITING, 10_000_000_000L);
                spinUntil(() -> false, BUSY_NANOS); // the receiver's carrier finds nothing more and goes idle
                String waker = Scheduler.carrierName().orElse("none");
                ch.send(1);
                // Go's runnext: the woken goroutine waits for this one to block, though a carrier is idle (woken
                // eagerly, it would be stolen by the idle carrier within microseconds).
                spinUntil(() -> false, BUSY_NANOS);
                if (woken.recv().equals(waker)) {
                    sameCarrier.incrementAndGet();
                }
            }
        });
        // Lazily woken: 38-40 of 40 here (a carrier going idle may still steal it); eagerly woken, as on the JDK's
        // pool: 0-1 of 40.
        assertTrue(sameCarrier.get() >= trials * 3 / 4,
                sameCarrier.get() + " of " + trials + " woken goroutines ran on their waker's carrier");
    }

    @Test
    void givenGoroutinesThatOnlyTalk_whenTheyRunAWhile_thenThePoolShrinksToOneCarrier() {
        assumeSized();
        Programs.runOk(SchedulerTest::shrinkToOneCarrier);
    }

    @Test
    void givenOneCarrier_whenTwoGoroutinesComputeWithoutBlocking_thenTheyRunAtOnce() {
        assumeSized();
        var sawEachOther = new AtomicInteger();
        Programs.runOk(() -> {
            shrinkToOneCarrier();
            var running = new AtomicInteger();
            var computers = new WaitGroup();
            computers.add(2);
            for (int i = 0; i < 2; i++) {
                Go.go(() -> {
                    running.incrementAndGet();
                    // Never blocks: the other one runs meanwhile only if the pool grows to a second carrier.
                    spinUntil(() -> running.get() == 2, 10_000_000_000L);
                    if (running.get() == 2) {
                        sawEachOther.incrementAndGet();
                    }
                    computers.done();
                });
            }
            computers.await();
        });
        assertEquals(2, sawEachOther.get(), "both computing goroutines ran at the same time");
    }

    @Test
    void givenOneCarrier_whenEveryGoroutineBlocks_thenTheDeadlockIsReported() {
        assumeSized();
        String report = Programs.runDeadlocked(() -> {
            shrinkToOneCarrier();
            Chan<Integer> never = Chan.make();
            Go.go(never::recv);
            never.recv();
        });
        assertTrue(report.contains("[chan receive]"), report);
    }

    /** Plays ping-pong with a second goroutine until sysmon has shrunk the pool to one carrier (at most 10 s). */
    private static void shrinkToOneCarrier() {
        Chan<Integer> ping = Chan.make();
        Chan<Integer> pong = Chan.make();
        var echo = Go.go(() -> {
            for (Integer v : ping) {
                pong.send(v + 1);
            }
        });
        awaitInThisGoroutine(() -> {
            boolean answered = true;
            for (int i = 0; i < 100; i++) {
                ping.send(i);
                answered &= pong.recv() == i + 1;
            }
            return answered && Scheduler.carriers() == 1;
        });
        ping.close();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(echo::finished);
    }

    /** Awaits {@code done}, called in the calling goroutine (its channel operations are that goroutine's). */
    private static void awaitInThisGoroutine(Callable<Boolean> done) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInSameThread().pollInterval(Duration.ofMillis(5))
                .until(done);
    }

    private static void assumeSized() {
        assumeTrue(Scheduler.parallelism() >= 2, "needs a pool of more than one carrier to size");
        assumeFalse("fixed".equals(System.getProperty("gokata.scheduler")), "the pool keeps every carrier");
    }

    /** Spins (never parks, never yields) until {@code done} or {@code nanos} have passed. */
    private static void spinUntil(BooleanSupplier done, long nanos) {
        long until = System.nanoTime() + nanos;
        while (!done.getAsBoolean() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}

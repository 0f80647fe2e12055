package dev.gokata.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Go's select: random choice among ready cases, default, timeouts, nil cases, sends, closed channels. */
@Timeout(20)
class SelectTest {

    private static void awaitWaiting(Goroutine g, WaitReason reason) {
        await().atMost(Duration.ofSeconds(5)).until(() -> g.waitReason().equals(Optional.of(reason)));
    }

    /**
     * Four always-ready cases, 40 000 selects: the counts must fit a uniform distribution. Chi-square with 3 degrees
     * of freedom: the 1e-6 upper quantile is 30.7, so a fair select fails this once in a million runs, while a
     * select biased by even 2 % towards one case (800 extra picks) gives chi-square ≈ 64 and fails every time.
     */
    @Test
    void givenSeveralReadyCases_whenSelecting_thenEachIsChosenUniformlyAtRandom() {
        assertEachReadyCaseChosenUniformly(false);
    }

    /** As above with a default, which looks at the cases before it builds the poll order (and must never run). */
    @Test
    void givenSeveralReadyCases_whenSelectHasDefault_thenEachIsChosenUniformlyAtRandom() {
        assertEachReadyCaseChosenUniformly(true);
    }

    private static void assertEachReadyCaseChosenUniformly(boolean withDefault) {
        int cases = 4;
        int runs = 40_000;
        var chans = new ArrayList<Chan<Integer>>();
        for (int c = 0; c < cases; c++) {
            Chan<Integer> ch = Chan.make(1);
            ch.send(c);
            chans.add(ch);
        }
        var counts = new int[cases];
        double expected = (double) runs / cases;
        for (int r = 0; r < runs; r++) {
            var chosen = new AtomicInteger(-1);
            var select = Select.select();
            for (var ch : chans) {
                select.recv(ch, chosen::set);
            }
            if (withDefault) {
                select.orDefault(() -> chosen.set(-2));
            }
            select.run();
            int c = chosen.get();
            assertTrue(c >= 0, "a case is ready, yet the select ran its default");
            counts[c]++;
            chans.get(c).send(c); // refill, so every case stays ready
        }
        double chiSquare = 0;
        for (int count : counts) {
            chiSquare += (count - expected) * (count - expected) / expected;
        }
        double statistic = chiSquare;
        assertTrue(statistic < 30.7, () -> "not uniform: chi-square " + statistic + " for counts "
                + java.util.Arrays.toString(counts));
    }

    @Test
    void givenNoReadyCase_whenSelectHasDefault_thenDefaultRunsWithoutBlocking() {
        Chan<String> empty = Chan.make();
        Chan<String> full = Chan.make(1);
        full.send("x");
        var ran = new AtomicReference<String>();
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            Select.select()
                    .recv(empty, v -> ran.set("recv"))
                    .send(full, "y", () -> ran.set("send"))
                    .orDefault(() -> ran.set("default"))
                    .run();
            assertEquals("default", ran.get());
        }
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void givenReadyCase_whenSelectHasDefault_thenTheReadyCaseWins() {
        Chan<String> ch = Chan.make(1);
        ch.send("ready");
        var got = new AtomicReference<String>();
        Select.select().recv(ch, got::set).orDefault(() -> got.set("default")).run();
        assertEquals("ready", got.get());
    }

    @Test
    void givenBlockedSender_whenSelectHasDefault_thenItReceivesFromTheSender() {
        Chan<String> ch = Chan.make();
        Goroutine sender = Go.go(() -> ch.send("message"));
        awaitWaiting(sender, WaitReason.CHAN_SEND);
        var got = new AtomicReference<String>();
        Select.select().recv(ch, got::set).orDefault(() -> got.set("no message received")).run();
        assertEquals("message", got.get());
        await().atMost(Duration.ofSeconds(5)).until(sender::finished);
    }

    @Test
    void givenEmptyChannel_whenSelectHasTimeout_thenTimeoutRunsAfterTheDuration() {
        Chan<String> ch = Chan.make(1);
        var got = new AtomicReference<String>();
        var elapsed = new AtomicLong();
        Goroutine g = Go.go(() -> {
            long start = System.nanoTime();
            Select.select().recv(ch, got::set).after(Duration.ofMillis(100), () -> got.set("timeout")).run();
            elapsed.set(System.nanoTime() - start);
        });
        await().atMost(Duration.ofSeconds(5)).until(g::finished);
        assertEquals("timeout", got.get());
        assertTrue(elapsed.get() >= Duration.ofMillis(100).toNanos(), () -> "too early: " + elapsed.get());
        assertEquals(0, ch.len());
    }

    @Test
    void givenSenderFasterThanTimeout_whenSelecting_thenTheMessageWins() {
        Chan<String> ch = Chan.make();
        var got = new AtomicReference<String>();
        Goroutine g = Go.go(() -> Select.select()
                .recv(ch, got::set)
                .after(Duration.ofSeconds(10), () -> got.set("timeout"))
                .run());
        awaitWaiting(g, WaitReason.SELECT);
        ch.send("one");
        await().atMost(Duration.ofSeconds(5)).until(g::finished);
        assertEquals("one", got.get());
    }

    @Test
    void givenBlockedSelect_whenAChannelGetsAValue_thenOnlyThatCaseRunsAndOtherChannelsStayClean() {
        Chan<Integer> a = Chan.make();
        Chan<Integer> b = Chan.make();
        var got = new ArrayList<String>();
        Goroutine g = Go.go(() -> Select.select()
                .recv(a, v -> got.add("a" + v))
                .recv(b, v -> got.add("b" + v))
                .run());
        awaitWaiting(g, WaitReason.SELECT);
        b.send(2);
        await().atMost(Duration.ofSeconds(5)).until(g::finished);
        assertEquals(List.of("b2"), got);
        // the losing sudog on a was dequeued: a send on a now finds no receiver
        var sent = new AtomicReference<String>();
        Select.select().send(a, 1, () -> sent.set("sent")).orDefault(() -> sent.set("nobody")).run();
        assertEquals("nobody", sent.get());
    }

    @Test
    void givenBlockedSelectWithSendCase_whenAReceiverArrives_thenTheValueIsHandedOver() {
        Chan<String> out = Chan.make();
        Chan<String> never = Chan.make();
        var which = new AtomicReference<String>();
        Goroutine g = Go.go(() -> Select.select()
                .send(out, "hello", () -> which.set("sent"))
                .recv(never, v -> which.set("never"))
                .run());
        awaitWaiting(g, WaitReason.SELECT);
        assertEquals("hello", out.recv());
        await().atMost(Duration.ofSeconds(5)).until(g::finished);
        assertEquals("sent", which.get());
    }

    @Test
    void givenClosedChannel_whenSelectingRecvOk_thenZeroValueWithOkFalse() {
        Chan<String> ch = Chan.make();
        ch.close();
        var got = new AtomicReference<Received<String>>();
        Select.select().recvOk(ch, got::set).run();
        assertEquals(new Received<String>(null, false), got.get());
    }

    @Test
    void givenBlockedSelect_whenItsChannelIsClosed_thenTheRecvCaseRunsWithNull() {
        Chan<String> ch = Chan.make();
        var got = new AtomicReference<String>("unset");
        Goroutine g = Go.go(() -> Select.select().recv(ch, got::set).run());
        awaitWaiting(g, WaitReason.SELECT);
        ch.close();
        await().atMost(Duration.ofSeconds(5)).until(g::finished);
        assertEquals(null, got.get());
    }

    @Test
    void givenClosedChannel_whenSelectSends_thenPanicsSendOnClosedChannel() {
        Chan<String> ch = Chan.make(1);
        ch.close();
        var panic = assertThrows(GoPanic.class, () -> Select.select().send(ch, "x", () -> { }).run());
        assertEquals("send on closed channel", panic.getMessage());
    }

    @Test
    void givenNilChannelCase_whenSelecting_thenItIsNeverChosen() {
        Chan<String> ready = Chan.make(1);
        var got = new ArrayList<String>();
        for (int i = 0; i < 200; i++) {
            ready.send("r");
            Select.select()
                    .recv(Chan.<String>nil(), v -> got.add("nil"))
                    .recv((RecvChan<String>) null, v -> got.add("null"))
                    .send(Chan.nil(), "x", () -> got.add("nil send"))
                    .recv(ready, got::add)
                    .run();
        }
        assertEquals(200, got.size());
        assertTrue(got.stream().allMatch("r"::equals));
    }

    @Test
    void givenManySelectsOnSharedChannels_whenProducersSend_thenEveryValueIsReceivedOnce() throws Exception {
        Chan<Integer> a = Chan.make();
        Chan<Integer> b = Chan.make(2);
        int perProducer = 2000;
        var total = new AtomicLong();
        var count = new AtomicInteger();
        var consumers = new ArrayList<Thread>();
        Chan<Integer> quit = Chan.make();
        for (int c = 0; c < 3; c++) {
            consumers.add(Thread.ofVirtual().start(() -> {
                var done = new boolean[1];
                while (!done[0]) {
                    Select.select()
                            .recv(a, v -> { total.addAndGet(v); count.incrementAndGet(); })
                            .recv(b, v -> { total.addAndGet(v); count.incrementAndGet(); })
                            .recv(quit, v -> done[0] = true)
                            .run();
                }
            }));
        }
        var producers = new ArrayList<Thread>();
        for (Chan<Integer> ch : List.of(a, b)) {
            producers.add(Thread.ofVirtual().start(() -> {
                for (int i = 1; i <= perProducer; i++) {
                    ch.send(i);
                }
            }));
        }
        for (Thread p : producers) {
            p.join();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count.get() == 2 * perProducer);
        quit.close();
        for (Thread c : consumers) {
            c.join();
        }
        assertEquals(2L * perProducer * (perProducer + 1) / 2, total.get());
    }

    /**
     * Selects that both send and receive race on two small buffered channels, so the glance of pass 0 is often
     * stale (a buffer that looked non-empty was drained, one that looked full got room): every value sent is
     * received exactly once.
     */
    @Test
    void givenSelectsSendingAndReceivingOnSharedBufferedChannels_whenRacing_thenEveryValueArrivesOnce()
            throws Exception {
        raceSelectsOnSharedBufferedChannels(Thread.ofVirtual()::start);
    }

    /**
     * The same race again and again: with every waiter for a channel lock yielding in turn, the JDK's scheduler
     * kept the carriers busy with them while the holder of the other lock waited in a queue no carrier got to, and
     * all of them spun forever (within 200 rounds in most runs, before channel locks slept at last), on the JDK's
     * pool (plain virtual threads) and on the runtime's (goroutines) alike; the rounds take turns.
     */
    @Test
    @Timeout(120)
    void givenSelectsRacingOnSharedBufferedChannels_whenRepeated_thenNoLockWaiterStarvesTheHolder() throws Exception {
        for (int round = 0; round < 200; round++) {
            raceSelectsOnSharedBufferedChannels(round % 2 == 0 ? Thread.ofVirtual()::start : r -> Go.go(r).thread());
        }
    }

    private static void raceSelectsOnSharedBufferedChannels(Function<Runnable, Thread> start)
            throws InterruptedException {
        Chan<Integer> a = Chan.make(1);
        Chan<Integer> b = Chan.make(2);
        int senders = 4;
        int perSender = 3000;
        var received = new java.util.concurrent.ConcurrentLinkedQueue<Integer>();
        var threads = new ArrayList<Thread>();
        for (int s = 0; s < senders; s++) {
            int first = s * perSender;
            threads.add(start.apply(() -> {
                for (int i = first; i < first + perSender; i++) {
                    Select.select().send(a, i, () -> { }).send(b, i, () -> { }).run();
                }
            }));
            threads.add(start.apply(() -> {
                for (int i = 0; i < perSender; i++) {
                    Select.select().recv(a, received::add).recv(b, received::add).run();
                }
            }));
        }
        for (Thread t : threads) {
            assertTrue(t.join(Duration.ofSeconds(15)), "a select never returned (" + received.size() + " of "
                    + senders * perSender + " values received): " + t + " " + List.of(t.getStackTrace()));
        }
        var sorted = new ArrayList<>(received);
        sorted.sort(null);
        assertEquals(senders * perSender, sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            assertEquals(i, sorted.get(i));
        }
    }

    @Test
    void givenSelectWithTimeout_whenMainWaitsOnIt_thenNoDeadlockIsReported() {
        Outcome outcome = new Program().run(() -> {
            Chan<String> ch = Chan.make();
            Select.select().recv(ch, v -> { }).after(Duration.ofMillis(50), () -> { }).run();
        }, Duration.ofSeconds(5));
        assertInstanceOf(Outcome.Exited.class, outcome, outcome::report);
    }
}

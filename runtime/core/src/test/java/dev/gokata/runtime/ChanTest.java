package dev.gokata.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's channel semantics: rendezvous, FIFO buffers, close, range, nil channels and the three panics. */
@Timeout(10)
class ChanTest {

    private static void awaitWaiting(Goroutine g, WaitReason reason) {
        await().atMost(Duration.ofSeconds(5)).until(() -> g.waitReason().equals(Optional.of(reason)));
    }

    private static void awaitParked(Thread t) {
        await().atMost(Duration.ofSeconds(5)).until(() -> t.getState() == Thread.State.WAITING);
    }

    @Test
    void givenUnbufferedChannel_whenSending_thenSenderWaitsForTheReceiver() {
        Chan<String> ch = Chan.make();
        Goroutine sender = Go.go(() -> ch.send("ping"));

        awaitWaiting(sender, WaitReason.CHAN_SEND);
        assertEquals("ping", ch.recv());
        await().atMost(Duration.ofSeconds(5)).until(sender::finished);
    }

    @Test
    void givenUnbufferedChannel_whenReceiving_thenReceiverWaitsForTheSender() {
        Chan<String> ch = Chan.make();
        var got = new AtomicReference<String>();
        Goroutine receiver = Go.go(() -> got.set(ch.recv()));

        awaitWaiting(receiver, WaitReason.CHAN_RECEIVE);
        ch.send("pong");
        await().atMost(Duration.ofSeconds(5)).until(receiver::finished);
        assertEquals("pong", got.get());
    }

    @Test
    void givenBufferedChannel_whenFilled_thenSendsDoNotBlockAndValuesComeOutInOrder() {
        Chan<Integer> ch = Chan.make(3);
        ch.send(1);
        ch.send(2);
        ch.send(3);

        assertEquals(3, ch.len());
        assertEquals(3, ch.cap());
        assertEquals(1, ch.recv());
        assertEquals(2, ch.recv());
        assertEquals(3, ch.recv());
        assertEquals(0, ch.len());
    }

    @Test
    void givenFullBuffer_whenSending_thenSenderBlocksUntilAReceiveFreesASlot() {
        Chan<Integer> ch = Chan.make(1);
        ch.send(1);
        Goroutine sender = Go.go(() -> ch.send(2));
        awaitWaiting(sender, WaitReason.CHAN_SEND);

        assertEquals(1, ch.recv());
        await().atMost(Duration.ofSeconds(5)).until(sender::finished);
        assertEquals(1, ch.len());
        assertEquals(2, ch.recv());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 64})
    void givenOneProducer_whenItSendsManyValues_thenTheyArriveInFifoOrder(int capacity) {
        Chan<Integer> ch = Chan.make(capacity);
        Go.go(() -> {
            for (int i = 0; i < 2000; i++) {
                ch.send(i);
            }
            ch.close();
        });
        var got = new ArrayList<Integer>();
        for (int v : ch) {
            got.add(v);
        }
        assertEquals(2000, got.size());
        for (int i = 0; i < got.size(); i++) {
            assertEquals(i, got.get(i));
        }
    }

    @Test
    void givenClosedBufferedChannel_whenReceiving_thenBufferDrainsThenZeroValueWithOkFalse() {
        Chan<String> ch = Chan.make(2);
        ch.send("a");
        ch.send("b");
        ch.close();

        assertEquals(new Received<>("a", true), ch.recvOk());
        assertEquals("b", ch.recv());
        assertEquals(new Received<String>(null, false), ch.recvOk());
        assertNull(ch.recv());
    }

    @Test
    void givenClosedChannel_whenRanged_thenLoopEndsAfterTheBufferedValues() {
        Chan<Integer> ch = Chan.make(3);
        ch.send(1);
        ch.send(2);
        ch.close();
        List<Integer> got = new ArrayList<>();
        for (int v : ch.recvOnly()) {
            got.add(v);
        }
        assertEquals(List.of(1, 2), got);
    }

    @Test
    void givenBlockedReceivers_whenChannelClosed_thenAllWakeWithOkFalse() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        var results = new ArrayList<AtomicReference<Received<Integer>>>();
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < 3; i++) {
            var r = new AtomicReference<Received<Integer>>();
            results.add(r);
            threads.add(Thread.ofVirtual().start(() -> r.set(ch.recvOk())));
        }
        threads.forEach(ChanTest::awaitParked);

        ch.close();
        for (Thread t : threads) {
            t.join();
        }
        for (var r : results) {
            assertEquals(new Received<Integer>(null, false), r.get());
        }
    }

    @Test
    void givenBlockedSender_whenChannelClosed_thenSenderPanics() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        var thrown = new AtomicReference<Throwable>();
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                ch.send(1);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        awaitParked(sender);

        ch.close();
        sender.join();
        var panic = assertInstanceOf(GoPanic.class, thrown.get());
        assertEquals("send on closed channel", panic.getMessage());
    }

    @Test
    void givenClosedChannel_whenSending_thenPanicsSendOnClosedChannel() {
        Chan<Integer> ch = Chan.make(1);
        ch.close();
        var panic = assertThrows(GoPanic.class, () -> ch.send(1));
        assertEquals("send on closed channel", panic.getMessage());
    }

    @Test
    void givenClosedChannel_whenClosedAgain_thenPanicsCloseOfClosedChannel() {
        Chan<Integer> ch = Chan.make();
        ch.close();
        var panic = assertThrows(GoPanic.class, ch::close);
        assertEquals("close of closed channel", panic.getMessage());
    }

    @Test
    void givenNilChannel_whenClosed_thenPanicsCloseOfNilChannel() {
        var panic = assertThrows(GoPanic.class, () -> Chan.nil().close());
        assertEquals("close of nil channel", panic.getMessage());
    }

    @Test
    void givenNilChannel_whenReceiving_thenBlocksForeverAsNilReceive() {
        Chan<Integer> ch = Chan.nil();
        Goroutine receiver = Go.go(ch::recv);
        awaitWaiting(receiver, WaitReason.CHAN_RECEIVE_NIL);
        Goroutine sender = Go.go(() -> ch.send(1));
        awaitWaiting(sender, WaitReason.CHAN_SEND_NIL);
        assertEquals(0, ch.len());
        assertEquals(0, ch.cap());
        assertFalse(receiver.finished());
    }

    @Test
    void givenPanicInProgram_whenSendingOnClosedChannel_thenOutcomeIsGoPanic() {
        Outcome outcome = new Program().run(() -> {
            Chan<Integer> ch = Chan.make();
            ch.close();
            ch.send(1);
        }, Duration.ofSeconds(5));
        var panicked = assertInstanceOf(Outcome.Panicked.class, outcome);
        assertTrue(panicked.report().startsWith("panic: send on closed channel"), panicked.report());
    }

    @Test
    void givenNegativeCapacity_whenMaking_thenPanics() {
        assertThrows(GoPanic.class, () -> Chan.make(-1));
    }
}

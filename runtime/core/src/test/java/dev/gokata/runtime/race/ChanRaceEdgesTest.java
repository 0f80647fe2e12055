package dev.gokata.runtime.race;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Go;
import dev.gokata.runtime.Select;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The happens-before edges channels, select and timers give the race detector (Go's memory model, as listed in
 * docs/architecture.md), checked on shadow words written by plain virtual threads (which get no other edge).
 * Needs the detector: {@code ./mvnw -pl runtime/core verify -Dtest=ChanRaceEdgesTest -DargLine=-Dgokata.race=true}.
 */
@Timeout(10)
@EnabledIfSystemProperty(named = "gokata.race", matches = "true")
class ChanRaceEdgesTest {

    private static Thread start(Runnable body) {
        return Thread.ofVirtual().start(body);
    }

    private static void awaitParked(Thread t) {
        await().atMost(Duration.ofSeconds(5)).until(() -> t.getState() == Thread.State.WAITING);
    }

    @Test
    void givenUnbufferedChannel_whenReceiverWaitsFirst_thenSendHappensBeforeReceiveAndReceiveBeforeSendCompletes()
            throws InterruptedException {
        var x = new Shadow();
        var y = new Shadow();
        Chan<Integer> ch = Chan.make();
        var receiverConflict = new AtomicReference<Shadow.Conflict>();
        Thread receiver = start(() -> {
            y.write(ThreadState.current(), 1);
            ch.recv();
            receiverConflict.set(x.write(ThreadState.current(), 2));
        });
        awaitParked(receiver);
        var senderConflict = new AtomicReference<Shadow.Conflict>();
        Thread sender = start(() -> {
            x.write(ThreadState.current(), 3);
            ch.send(1);
            senderConflict.set(y.write(ThreadState.current(), 4));
        });
        sender.join();
        receiver.join();
        assertNull(receiverConflict.get(), "send → receive");
        assertNull(senderConflict.get(), "unbuffered receive → send completes");
    }

    @Test
    void givenUnbufferedChannel_whenSenderWaitsFirst_thenBothEdgesHold() throws InterruptedException {
        var x = new Shadow();
        var y = new Shadow();
        Chan<Integer> ch = Chan.make();
        var senderConflict = new AtomicReference<Shadow.Conflict>();
        Thread sender = start(() -> {
            x.write(ThreadState.current(), 1);
            ch.send(1);
            senderConflict.set(y.write(ThreadState.current(), 2));
        });
        awaitParked(sender);
        var receiverConflict = new AtomicReference<Shadow.Conflict>();
        Thread receiver = start(() -> {
            y.write(ThreadState.current(), 3);
            ch.recv();
            receiverConflict.set(x.write(ThreadState.current(), 4));
        });
        sender.join();
        receiver.join();
        assertNull(receiverConflict.get(), "send → receive");
        assertNull(senderConflict.get(), "unbuffered receive → send completes");
    }

    @Test
    void givenBufferedChannel_whenReceiving_thenTheSendHappensBefore() throws InterruptedException {
        var x = new Shadow();
        Chan<Integer> ch = Chan.make(2);
        start(() -> {
            x.write(ThreadState.current(), 1);
            ch.send(1);
        }).join();
        var conflict = new AtomicReference<Shadow.Conflict>();
        start(() -> {
            ch.recv();
            conflict.set(x.write(ThreadState.current(), 2));
        }).join();
        assertNull(conflict.get());
    }

    @Test
    void givenFullBufferOfOne_whenReceiveFreesTheSlot_thenThatReceiveHappensBeforeTheBlockedSendCompletes()
            throws InterruptedException {
        var z = new Shadow();
        Chan<Integer> ch = Chan.make(1);
        var senderConflict = new AtomicReference<Shadow.Conflict>();
        Thread sender = start(() -> {
            ch.send(1);
            ch.send(2); // blocks: the buffer is full
            senderConflict.set(z.write(ThreadState.current(), 1));
        });
        awaitParked(sender);
        start(() -> {
            z.write(ThreadState.current(), 2);
            ch.recv();
        }).join();
        sender.join();
        assertNull(senderConflict.get(), "1st receive → 2nd send completes (capacity 1)");
    }

    @Test
    void givenBufferWithRoom_whenReceiving_thenTheReceiveDoesNotOrderALaterUnblockedSend()
            throws InterruptedException {
        var z = new Shadow();
        Chan<Integer> ch = Chan.make(2);
        ch.send(1);
        start(() -> {
            z.write(ThreadState.current(), 1);
            ch.recv();
        }).join();
        // a send that never had to wait for that receive: Go orders nothing between them
        var conflict = new AtomicReference<Shadow.Conflict>();
        start(() -> {
            ch.send(2);
            conflict.set(z.write(ThreadState.current(), 2));
        }).join();
        assertNotNull(conflict.get(), "a buffered channel with room must not synchronise like a mutex");
    }

    @Test
    void givenClosedChannel_whenAReceiveObservesTheClose_thenTheCloseHappensBefore() throws InterruptedException {
        var x = new Shadow();
        Chan<Integer> ch = Chan.make();
        var conflict = new AtomicReference<Shadow.Conflict>();
        var ok = new AtomicReference<Boolean>();
        Thread receiver = start(() -> {
            ok.set(ch.recvOk().ok());
            conflict.set(x.write(ThreadState.current(), 1));
        });
        awaitParked(receiver);
        start(() -> {
            x.write(ThreadState.current(), 2);
            ch.close();
        }).join();
        receiver.join();
        assertFalse(ok.get());
        assertNull(conflict.get());
    }

    @Test
    void givenSelect_whenItReceives_thenTheSendHappensBefore() throws InterruptedException {
        var x = new Shadow();
        Chan<Integer> a = Chan.make();
        Chan<Integer> b = Chan.make();
        var conflict = new AtomicReference<Shadow.Conflict>();
        Thread selecting = start(() -> {
            Select.select().recv(a, v -> { }).recv(b, v -> { }).run();
            conflict.set(x.write(ThreadState.current(), 1));
        });
        awaitParked(selecting);
        start(() -> {
            x.write(ThreadState.current(), 2);
            b.send(1);
        }).join();
        selecting.join();
        assertNull(conflict.get());
    }

    @Test
    void givenAfterFunc_whenItRuns_thenTheTimerStartHappensBefore() throws InterruptedException {
        var x = new Shadow();
        var conflict = new AtomicReference<Shadow.Conflict>();
        Chan<Boolean> done = Chan.make(1);
        start(() -> {
            x.write(ThreadState.current(), 1);
            Go.afterFunc(Duration.ofMillis(10), () -> {
                conflict.set(x.write(ThreadState.current(), 2));
                done.send(true);
            });
        }).join();
        done.recv();
        assertNull(conflict.get());
    }
}

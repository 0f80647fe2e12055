package dev.gokata.runtime;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Programs.awaitWaiting;
import static dev.gokata.runtime.Programs.runDeadlocked;
import static dev.gokata.runtime.Programs.runOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class CondTest {

    @ParameterizedTest(name = "writer first: {0}")
    @ValueSource(booleans = {true, false})
    void givenAWaiterInTheWaitLoop_whenTheWriterSignals_thenNoWakeUpIsLost(boolean writerFirst) {
        Map<String, String> shared = new HashMap<>();
        List<String> printed = Collections.synchronizedList(new ArrayList<>());
        runOk(() -> {
            var c = new Cond(new Mutex());
            var wg = new WaitGroup();
            Runnable writer = () -> {
                c.l().lock();
                shared.put("rsc1", "foo");
                c.signal();
                c.l().unlock();
            };
            if (writerFirst) {
                writer.run();
            }
            wg.add(1);
            Goroutine waiter = go(() -> {
                c.l().lock();
                while (shared.isEmpty()) {
                    c.await();
                }
                printed.add(shared.get("rsc1"));
                c.l().unlock();
                wg.done();
            });
            if (!writerFirst) {
                awaitWaiting(waiter, WaitReason.COND_WAIT);
                writer.run();
            }
            wg.await();
        });
        assertEquals(List.of("foo"), printed);
    }

    @Test
    void givenThreeWaiters_whenSignalledOneByOne_thenTheyWakeInArrivalOrder() {
        List<Integer> woken = Collections.synchronizedList(new ArrayList<>());
        runOk(() -> {
            var c = new Cond(new Mutex());
            for (int i = 0; i < 3; i++) {
                int n = i;
                Goroutine g = go(() -> {
                    c.l().lock();
                    c.await();
                    woken.add(n);
                    c.l().unlock();
                });
                awaitWaiting(g, WaitReason.COND_WAIT);
            }
            for (int i = 0; i < 3; i++) {
                int expected = i + 1;
                c.signal();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> woken.size() == expected);
            }
        });
        assertEquals(List.of(0, 1, 2), woken);
    }

    @Test
    void givenTwoWaiters_whenOneSignal_thenOnlyOneWakesAndBroadcastWakesTheOther() {
        runOk(() -> {
            var c = new Cond(new Mutex());
            var wg = new WaitGroup();
            List<Goroutine> waiters = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                wg.add(1);
                Goroutine g = go(() -> {
                    c.l().lock();
                    c.await();
                    c.l().unlock();
                    wg.done();
                });
                awaitWaiting(g, WaitReason.COND_WAIT);
                waiters.add(g);
            }
            c.signal();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waiters.getFirst().finished());
            assertEquals(WaitReason.COND_WAIT, waiters.getLast().waitReason().orElseThrow());
            c.broadcast();
            wg.await();
        });
    }

    @Test
    void givenManyWaiters_whenOneBroadcast_thenAllWake() {
        runOk(() -> {
            var c = new Cond(new Mutex());
            var wg = new WaitGroup();
            boolean[] ready = {false};
            for (int i = 0; i < 20; i++) {
                wg.add(1);
                go(() -> {
                    c.l().lock();
                    while (!ready[0]) {
                        c.await();
                    }
                    c.l().unlock();
                    wg.done();
                });
            }
            c.l().lock();
            ready[0] = true;
            c.l().unlock();
            c.broadcast();
            wg.await();
        });
    }

    @Test
    void givenAWaiterAndNoSignaller_whenWaiting_thenDeadlockInCondWait() {
        String report = runDeadlocked(() -> {
            var c = new Cond(new Mutex());
            c.l().lock();
            c.await();
        });
        assertTrue(report.contains("goroutine 1 [sync.Cond.Wait]:\ndev.gokata.runtime.Cond.await(...)\n"), report);
    }

    @Test
    void givenAGoroutineBlockedOnTheLock_whenTheHolderWaits_thenNoDeadlockIsReported() {
        for (int round = 0; round < 20; round++) {
            runOk(() -> {
                var c = new Cond(new Mutex());
                boolean[] ready = {false};
                c.l().lock();
                Goroutine signaller = go(() -> {
                    c.l().lock();
                    ready[0] = true;
                    c.signal();
                    c.l().unlock();
                });
                awaitWaiting(signaller, WaitReason.MUTEX_LOCK);
                while (!ready[0]) {
                    c.await();
                }
                c.l().unlock();
            });
        }
    }
}

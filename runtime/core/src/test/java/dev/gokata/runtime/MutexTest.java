package dev.gokata.runtime;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Programs.awaitWaiting;
import static dev.gokata.runtime.Programs.runDeadlocked;
import static dev.gokata.runtime.Programs.runOk;
import static dev.gokata.runtime.Programs.runPanicked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MutexTest {
    private int balance;

    @Test
    void givenManyGoroutines_whenEachIncrementsUnderTheLock_thenNoUpdateIsLost() {
        runOk(() -> {
            var mu = new Mutex();
            var wg = new WaitGroup();
            for (int i = 0; i < 50; i++) {
                wg.add(1);
                go(() -> {
                    for (int k = 0; k < 1000; k++) {
                        mu.lock();
                        balance++;
                        mu.unlock();
                    }
                    wg.done();
                });
            }
            wg.await();
            mu.lock();
            assertEquals(50_000, balance);
            mu.unlock();
        });
    }

    @Test
    void givenLockedMutex_whenSameGoroutineLocksAgain_thenDeadlockInMutexLock() {
        String report = runDeadlocked(() -> {
            var mu = new Mutex();
            mu.lock();
            mu.lock();
        });
        assertTrue(report.startsWith("fatal error: all goroutines are asleep - deadlock!\n\n"
                + "goroutine 1 [sync.Mutex.Lock]:\n"
                + "dev.gokata.runtime.Mutex.lock(...)\n"), report);
        assertTrue(report.contains("MutexTest.java:"), report);
    }

    @Test
    void givenLockedMutex_whenAnotherGoroutineUnlocks_thenItCanBeLockedAgain() {
        runOk(() -> {
            var mu = new Mutex();
            mu.lock();
            go(mu::unlock);
            mu.lock();
            mu.unlock();
        });
    }

    @Test
    void givenUnlockedMutex_whenUnlock_thenFatalError() {
        var e = assertThrows(GoFatalError.class, () -> new Mutex().unlock());
        assertEquals("sync: unlock of unlocked mutex", e.getMessage());
        String report = runPanicked(() -> new Mutex().unlock());
        assertTrue(report.startsWith("fatal error: sync: unlock of unlocked mutex\n\ngoroutine 1 [running]:\n"),
                report);
    }

    @Test
    void givenLockedMutex_whenTryLock_thenFalseUntilUnlocked() {
        var mu = new Mutex();
        assertTrue(mu.tryLock());
        assertFalse(mu.tryLock());
        mu.unlock();
        assertTrue(mu.tryLock());
        mu.unlock();
    }

    @Test
    void givenQueuedWaiters_whenUnlocked_thenTheLongestWaiterGetsTheMutexFirst() {
        var order = new ArrayList<Integer>();
        runOk(() -> {
            var mu = new Mutex();
            var wg = new WaitGroup();
            mu.lock();
            for (int i = 0; i < 5; i++) {
                int n = i;
                wg.add(1);
                Goroutine g = go(() -> {
                    mu.lock();
                    order.add(n);
                    mu.unlock();
                    wg.done();
                });
                awaitWaiting(g, WaitReason.MUTEX_LOCK);
            }
            mu.unlock();
            wg.await();
            assertEquals(List.of(0, 1, 2, 3, 4), order);
        });
    }
}

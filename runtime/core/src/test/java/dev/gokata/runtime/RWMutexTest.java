package dev.gokata.runtime;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Programs.awaitWaiting;
import static dev.gokata.runtime.Programs.runDeadlocked;
import static dev.gokata.runtime.Programs.runOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RWMutexTest {

    @Test
    void givenTwoReaders_whenBothInsideTheReadSection_thenTheyOverlap() {
        runOk(() -> {
            var rw = new RWMutex();
            var barrier = new CyclicBarrier(2);
            var wg = new WaitGroup();
            for (int i = 0; i < 2; i++) {
                wg.add(1);
                go(() -> {
                    rw.rLock();
                    try {
                        barrier.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new AssertionError("the readers did not overlap", e);
                    } finally {
                        rw.rUnlock();
                    }
                    wg.done();
                });
            }
            wg.await();
        });
    }

    @Test
    void givenAWaitingWriter_whenANewReaderArrives_thenTheReaderWaitsBehindTheWriter() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        runOk(() -> {
            var rw = new RWMutex();
            var wg = new WaitGroup();
            rw.rLock();
            wg.add(2);
            Goroutine writer = go(() -> {
                rw.lock();
                order.add("writer");
                rw.unlock();
                wg.done();
            });
            awaitWaiting(writer, WaitReason.RWMUTEX_LOCK);
            assertFalse(rw.tryRLock());
            Goroutine reader = go(() -> {
                rw.rLock();
                order.add("reader");
                rw.rUnlock();
                wg.done();
            });
            awaitWaiting(reader, WaitReason.RWMUTEX_RLOCK);
            rw.rUnlock();
            wg.await();
        });
        assertEquals(List.of("writer", "reader"), order);
    }

    @Test
    void givenReadersAndWriters_whenStressed_thenAWriterIsAlwaysAlone() {
        var readersInside = new AtomicInteger();
        var writersInside = new AtomicInteger();
        int[] balance = {0};
        runOk(() -> {
            var rw = new RWMutex();
            var wg = new WaitGroup();
            for (int i = 0; i < 8; i++) {
                boolean isWriter = i % 2 == 0;
                wg.add(1);
                go(() -> {
                    int last = 0;
                    for (int k = 0; k < 500; k++) {
                        if (isWriter) {
                            rw.lock();
                            assertEquals(1, writersInside.incrementAndGet());
                            assertEquals(0, readersInside.get());
                            balance[0]++;
                            writersInside.decrementAndGet();
                            rw.unlock();
                        } else {
                            rw.rLock();
                            readersInside.incrementAndGet();
                            assertEquals(0, writersInside.get());
                            assertTrue(balance[0] >= last);
                            last = balance[0];
                            readersInside.decrementAndGet();
                            rw.rUnlock();
                        }
                    }
                    wg.done();
                });
            }
            wg.await();
        });
        assertEquals(2_000, balance[0]);
    }

    @Test
    void givenUnlockedRWMutex_whenUnlockOrRUnlock_thenFatalErrors() {
        var rw = new RWMutex();
        assertEquals("sync: Unlock of unlocked RWMutex", assertThrows(GoFatalError.class, rw::unlock).getMessage());
        assertEquals("sync: RUnlock of unlocked RWMutex", assertThrows(GoFatalError.class, rw::rUnlock).getMessage());
        rw.lock();
        assertEquals("sync: RUnlock of unlocked RWMutex", assertThrows(GoFatalError.class, rw::rUnlock).getMessage());
        rw.unlock();
    }

    @Test
    void givenReadLocked_whenSameGoroutineLocksForWriting_thenDeadlockInRWMutexLock() {
        String report = runDeadlocked(() -> {
            var rw = new RWMutex();
            rw.rLock();
            rw.lock();
        });
        assertTrue(report.contains("goroutine 1 [sync.RWMutex.Lock]:\ndev.gokata.runtime.RWMutex.lock(...)\n"), report);
    }

    @Test
    void givenWriteLocked_whenSameGoroutineLocksForReading_thenDeadlockInRWMutexRLock() {
        String report = runDeadlocked(() -> {
            var rw = new RWMutex();
            rw.rLocker().lock();
            rw.lock();
        });
        assertTrue(report.contains("goroutine 1 [sync.RWMutex.Lock]:"), report);
        report = runDeadlocked(() -> {
            var rw = new RWMutex();
            rw.lock();
            rw.rLock();
        });
        assertTrue(report.contains("goroutine 1 [sync.RWMutex.RLock]:"), report);
    }

    @Test
    void givenTryLocks_thenTheyFollowTheAdmissionRules() {
        var rw = new RWMutex();
        assertTrue(rw.tryRLock());
        assertTrue(rw.tryRLock());
        assertFalse(rw.tryLock());
        rw.rUnlock();
        rw.rUnlock();
        assertTrue(rw.tryLock());
        assertFalse(rw.tryRLock());
        assertFalse(rw.tryLock());
        rw.unlock();
        Locker r = rw.rLocker();
        r.lock();
        assertFalse(rw.tryLock());
        r.unlock();
        assertTrue(rw.tryLock());
        rw.unlock();
    }
}

package dev.gokata.runtime;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Programs.runDeadlocked;
import static dev.gokata.runtime.Programs.runOk;
import static dev.gokata.runtime.Programs.runPanicked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class WaitGroupTest {

    @Test
    void givenHundredWorkers_whenEachCallsDone_thenAwaitReturnsAfterAllOfThem() {
        var finished = new AtomicInteger();
        runOk(() -> {
            var wg = new WaitGroup();
            for (int i = 0; i < 100; i++) {
                wg.add(1);
                go(() -> {
                    finished.incrementAndGet();
                    wg.done();
                });
            }
            wg.await();
            assertEquals(100, finished.get());
        });
    }

    @Test
    void givenZeroCounter_whenAwait_thenReturnsAtOnce() {
        runOk(() -> new WaitGroup().await());
    }

    @Test
    void givenSeveralWaiters_whenCounterReachesZero_thenAllReturn() {
        var returned = new AtomicInteger();
        runOk(() -> {
            var wg = new WaitGroup();
            var all = new WaitGroup();
            wg.add(1);
            all.add(5);
            for (int i = 0; i < 5; i++) {
                go(() -> {
                    wg.await();
                    returned.incrementAndGet();
                    all.done();
                });
            }
            wg.done();
            all.await();
            assertEquals(5, returned.get());
        });
    }

    @Test
    void givenZeroCounter_whenDone_thenPanicsNegativeCounter() {
        var wg = new WaitGroup();
        var e = assertThrows(GoPanic.class, wg::done);
        assertEquals("sync: negative WaitGroup counter", e.getMessage());
        wg.add(1);
        wg.done();
    }

    @Test
    void givenDoneMoreThanAdd_whenInProgram_thenPanicReportInGoFormat() {
        String report = runPanicked(() -> {
            var wg = new WaitGroup();
            wg.add(1);
            wg.done();
            wg.done();
        });
        assertTrue(report.startsWith("panic: sync: negative WaitGroup counter\n\ngoroutine 1 [running]:\n"), report);
        assertTrue(report.contains("WaitGroupTest.java:"), report);
    }

    @Test
    void givenAddTwoAndOneDone_whenAwait_thenAllGoroutinesAreAsleep() {
        String report = runDeadlocked(() -> {
            var wg = new WaitGroup();
            wg.add(2);
            go(wg::done);
            wg.await();
        });
        assertTrue(report.startsWith("fatal error: all goroutines are asleep - deadlock!\n\n"
                + "goroutine 1 [sync.WaitGroup.Wait]:\n"
                + "dev.gokata.runtime.WaitGroup.await(...)\n"), report);
    }
}

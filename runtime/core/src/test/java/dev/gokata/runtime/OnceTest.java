package dev.gokata.runtime;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Programs.runDeadlocked;
import static dev.gokata.runtime.Programs.runOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class OnceTest {
    private static final int CALLERS = 1_000;

    @Test
    void givenThousandConcurrentCallers_whenRun_thenFRunsOnceAndEveryCallerReturnsAfterIt() throws Exception {
        var runs = new AtomicInteger();
        var sawCompleted = new AtomicInteger();
        var inF = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var completed = new boolean[1];
        runOk(() -> {
            var once = new Once();
            var wg = new WaitGroup();
            for (int i = 0; i < CALLERS; i++) {
                wg.add(1);
                go(() -> {
                    once.run(() -> {
                        runs.incrementAndGet();
                        inF.countDown();
                        awaitUninterruptibly(release);
                        completed[0] = true;
                    });
                    if (completed[0]) {
                        sawCompleted.incrementAndGet();
                    }
                    wg.done();
                });
            }
            awaitUninterruptibly(inF);
            Program program = Program.current();
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                    .until(() -> program.goroutines().stream()
                            .filter(g -> g.waitReason().orElse(null) == WaitReason.ONCE_DO).count() == CALLERS - 1);
            release.countDown();
            wg.await();
        });
        assertEquals(1, runs.get());
        assertEquals(CALLERS, sawCompleted.get());
    }

    @Test
    void givenFPanics_whenRunAgain_thenOnceCountsItAsDone() {
        var once = new Once();
        var boom = new GoPanic("boom");
        assertSame(boom, assertThrows(GoPanic.class, () -> once.run(() -> {
            throw boom;
        })));
        var ran = new AtomicInteger();
        once.run(ran::incrementAndGet);
        assertEquals(0, ran.get());
    }

    @Test
    void givenRunCalledFromInsideF_whenRun_thenDeadlockInOnceDo() {
        String report = runDeadlocked(() -> {
            var once = new Once();
            once.run(() -> once.run(() -> {
            }));
        });
        assertTrue(report.contains("goroutine 1 [sync.Once.Do]:\ndev.gokata.runtime.Once.run(...)\n"), report);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}

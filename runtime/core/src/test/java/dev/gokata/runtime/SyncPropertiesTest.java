package dev.gokata.runtime;

import static dev.gokata.runtime.Go.go;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The sync primitives' counting rules hold for any sequence of operations and any mix of goroutines. (jqwik ignores
 * JUnit's {@code @Timeout}: the first property is bounded by assertTimeoutPreemptively, the second by its program's
 * time limit.)
 */
class SyncPropertiesTest {

    @Property(tries = 200)
    void aWaitGroupPanicsExactlyWhenItsCounterWouldGoNegative(
            @ForAll @Size(max = 20) List<@IntRange(min = -3, max = 3) Integer> deltas) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> checkCounting(deltas));
    }

    private static void checkCounting(List<Integer> deltas) {
        var wg = new WaitGroup();
        long counter = 0;
        for (int delta : deltas) {
            if (counter + delta < 0) {
                assertEquals("sync: negative WaitGroup counter",
                        assertThrows(GoPanic.class, () -> wg.add(delta)).getMessage());
            } else {
                wg.add(delta);
                counter += delta;
            }
        }
        if (counter == 0) {
            wg.await(); // returns at once on a zero counter
        }
        for (long left = counter; left > 0; left--) {
            wg.done();
        }
        assertThrows(GoPanic.class, wg::done);
        wg.await();
    }

    @Property(tries = 30)
    void mutexAndRWMutexNeverLoseAnUpdate(
            @ForAll @IntRange(min = 1, max = 8) int goroutines,
            @ForAll @IntRange(min = 1, max = 200) int increments,
            @ForAll boolean readWrite) {
        var total = new int[1];
        var readsSeen = new AtomicInteger();
        Outcome o = new Program().run(() -> {
            var mu = new Mutex();
            var rw = new RWMutex();
            var wg = new WaitGroup();
            for (int i = 0; i < goroutines; i++) {
                wg.add(1);
                go(() -> {
                    for (int k = 0; k < increments; k++) {
                        Locker l = readWrite ? rw : mu;
                        l.lock();
                        total[0]++;
                        l.unlock();
                        if (readWrite) {
                            rw.rLock();
                            if (total[0] > 0) {
                                readsSeen.incrementAndGet();
                            }
                            rw.rUnlock();
                        }
                    }
                    wg.done();
                });
            }
            wg.await();
        }, Duration.ofSeconds(20));
        assertInstanceOf(Outcome.Exited.class, o, o::report);
        assertEquals(goroutines * increments, total[0]);
        assertEquals(readWrite ? goroutines * increments : 0, readsSeen.get());
    }
}

package dev.gokata.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Channels neither lose nor duplicate values, and keep each producer's order, whatever the mix of goroutines. */
class ChanPropertyTest {

    @Property(tries = 40)
    void producersAndConsumersLoseAndDuplicateNothing(
            @ForAll @IntRange(min = 1, max = 4) int producers,
            @ForAll @IntRange(min = 1, max = 4) int consumers,
            @ForAll @IntRange(min = 0, max = 3) int capacity,
            @ForAll @IntRange(min = 0, max = 200) int perProducer) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Chan<Long> ch = Chan.make(capacity);
            var sent = new CountDownLatch(producers);
            for (int p = 0; p < producers; p++) {
                long base = (long) p << 32;
                Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        ch.send(base + i);
                    }
                    sent.countDown();
                });
            }
            var received = new ArrayList<List<Long>>();
            var drained = new CountDownLatch(consumers);
            for (int c = 0; c < consumers; c++) {
                var mine = Collections.synchronizedList(new ArrayList<Long>());
                received.add(mine);
                Thread.ofVirtual().start(() -> {
                    for (long v : ch) {
                        mine.add(v);
                    }
                    drained.countDown();
                });
            }
            sent.await();
            ch.close();
            drained.await();

            var all = new ArrayList<Long>();
            for (List<Long> mine : received) {
                assertEachProducersValuesIncrease(mine);
                all.addAll(mine);
            }
            Collections.sort(all);
            var expected = new ArrayList<Long>();
            for (long p = 0; p < producers; p++) {
                for (long i = 0; i < perProducer; i++) {
                    expected.add((p << 32) + i);
                }
            }
            assertEquals(expected, all);
        });
    }

    /** A consumer sees any one producer's values in the order they were sent: the channel is FIFO. */
    private static void assertEachProducersValuesIncrease(List<Long> seen) {
        var last = new java.util.HashMap<Long, Long>();
        for (long v : seen) {
            long producer = v >>> 32;
            Long before = last.put(producer, v);
            assertTrue(before == null || before < v, () -> "out of order: " + seen);
        }
    }
}

package dev.gokata.runtime;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Programs.runOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PoolTest {

    @Test
    void givenSequentialGetAndPut_thenNewIsCalledOnceAndTheObjectReused() {
        var made = new AtomicInteger();
        var pool = new Pool<>(() -> {
            made.incrementAndGet();
            return new StringBuilder();
        });
        StringBuilder first = pool.get();
        pool.put(first);
        for (int i = 0; i < 10; i++) {
            StringBuilder b = pool.get();
            assertSame(first, b);
            pool.put(b);
        }
        assertEquals(1, made.get());
    }

    @Test
    void givenAnEmptyPool_whenGet_thenNewIsCalledEachTime() {
        var made = new AtomicInteger();
        var pool = new Pool<>(made::incrementAndGet);
        assertEquals(1, pool.get());
        assertEquals(2, pool.get());
    }

    @Test
    void givenNoNewFunction_whenEmpty_thenGetReturnsNullAndPutNullIsIgnored() {
        var pool = new Pool<String>(null);
        pool.put(null);
        assertNull(pool.get());
        pool.put("x");
        assertEquals("x", pool.get());
    }

    @Test
    void givenEightGoroutines_whenEachGetsAndPutsRepeatedly_thenNewIsCalledAtMostEightTimes() {
        var made = new AtomicInteger();
        runOk(() -> {
            var pool = new Pool<>(() -> {
                made.incrementAndGet();
                return new StringBuilder();
            });
            var wg = new WaitGroup();
            for (int i = 0; i < 8; i++) {
                String text = "line " + i;
                wg.add(1);
                go(() -> {
                    for (int k = 0; k < 1000; k++) {
                        StringBuilder b = pool.get();
                        b.setLength(0);
                        b.append(text);
                        assertEquals(text, b.toString());
                        pool.put(b);
                    }
                    wg.done();
                });
            }
            wg.await();
        });
        assertTrue(made.get() >= 1 && made.get() <= 8, "New called " + made.get() + " times");
    }
}

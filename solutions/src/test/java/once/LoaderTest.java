package once;

import static dev.gokata.runtime.Go.go;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gokata.runtime.WaitGroup;
import dev.gokata.testkit.Stdout;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the once kata: load runs exactly once for 10 and for 1,000 concurrent callers, and every caller
 * returns only after load has completed (load takes 100 ms and marks its end; a caller that returns earlier is
 * counted). The grader's race detector proves that callers read the configuration after load wrote it.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/once/}):
 * <ul>
 *   <li>the untouched starter: every caller loads;</li>
 *   <li>{@code atomic-boolean-guard}: {@code compareAndSet} picks one loader, but the other callers return at
 *       once, before the configuration exists (and read it without a happens-before edge);</li>
 *   <li>{@code check-then-act}: {@code if (!loaded) { load(); loaded = true; }}: several callers pass the check
 *       before the first sets the flag.</li>
 * </ul>
 */
@Timeout(10)
class LoaderTest {
    /** Loader that counts its loads and how many callers returned before a load had completed. */
    static final class Counted extends Loader {
        final AtomicInteger loads = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger early = new AtomicInteger();

        Counted(Duration loadTime) {
            super(loadTime);
        }

        @Override
        protected void load() {
            loads.incrementAndGet();
            super.load();
            completed.incrementAndGet();
        }

        void callConcurrently(int callers) {
            var wg = new WaitGroup();
            for (int i = 0; i < callers; i++) {
                wg.add(1);
                go(() -> {
                    try {
                        ensureLoaded();
                        if (completed.get() == 0) {
                            early.incrementAndGet();
                        }
                    } finally {
                        wg.done();
                    }
                });
            }
            wg.await();
        }
    }

    @Test
    void runPrintsTheInitialisationOnce() {
        List<String> lines = Stdout.capture(() -> new Loader(Duration.ofMillis(20)).run(10));
        assertEquals(List.of("Run only once initialization function"), lines, "10 goroutines needed the"
                + " configuration; load must run once");
    }

    @Test
    void loadsOnceForAThousandConcurrentCallers() {
        var loader = new Counted(Duration.ofMillis(100));
        Stdout.capture(() -> loader.callConcurrently(1000));
        assertEquals(1, loader.loads.get(), "1000 concurrent callers ran load " + loader.loads.get() + " times:"
                + " ensureLoaded must run it on the first call only, and make the others wait until it has completed."
                + " A flag checked and then set cannot (callers pass the check before the first one sets it): run"
                + " load through a sync.Once (once.run(this::load))");
        assertEquals(0, loader.early.get(), loader.early.get() + " of 1000 callers returned from ensureLoaded()"
                + " before load had completed: they would use a configuration that does not exist yet;"
                + " once.run blocks every caller until the first call of load has returned");
    }

    @Test
    void getReturnsTheLoadedValue() {
        var loader = new Loader(Duration.ZERO);
        Stdout.capture(() -> assertEquals("hello", loader.get("greeting"), "get returns the loaded configuration"));
    }
}

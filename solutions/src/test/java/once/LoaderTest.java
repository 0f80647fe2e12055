package once;

import static dev.gokata.runtime.Go.go;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.WaitGroup;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Stdout;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
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
 *       before the first sets the flag;</li>
 *   <li>{@code cas-then-spin}: {@code compareAndSet} picks one loader and the others spin on a volatile flag until
 *       it is done: right answers, but a waiting caller never parks.</li>
 *   <li>{@code cas-then-sleep}: {@code compareAndSet} picks one loader and the others sleep for the load time,
 *       hoping it is over by then: {@link #aCallerThatFindsLoadRunningWaitsWithoutSpinning} holds load until the
 *       second caller waits, and sees it return first.</li>
 *   <li>{@code cas-then-sleep-poll}: {@code compareAndSet} picks one loader and the others check a volatile flag
 *       every millisecond, sleeping in between: right answers, but a caller is never woken by load's end; the same
 *       test never sees it parked in anything but a sleep.</li>
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

    /**
     * While load runs, a second caller waits parked (in the runtime, or at least in the JDK) until load's end wakes
     * it, as Go's Once parks it on a mutex: a caller that spins on a flag burns a core, and a thousand of them keep
     * the loader from running; one that sleeps and checks again is not woken by load's end; and one that sleeps a
     * guessed time returns while load, held here until the second caller waits, still runs.
     */
    @Test
    void aCallerThatFindsLoadRunningWaitsWithoutSpinning() {
        var entered = new WaitGroup();
        var release = new WaitGroup();
        entered.add(1);
        release.add(1);
        var loader = new Loader(Duration.ZERO) {
            @Override
            protected void load() {
                entered.done();
                release.await();
                super.load();
            }
        };
        var callers = new WaitGroup();
        callers.add(2);
        Stdout.capture(() -> {
            go(() -> call(loader, callers));
            entered.await();
            Goroutine second = go(() -> call(loader, callers));
            try {
                await().pollInSameThread().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(2))
                        .until(() -> second.finished() || waits(second));
                if (second.finished()) {
                    fail("a second caller of ensureLoaded() returned while the first caller's load was still"
                            + " running: it would use a configuration that does not exist yet. Sleeping for about"
                            + " the load time is a guess, not a wait; once.run(this::load) blocks every caller until"
                            + " load has returned");
                }
            } catch (ConditionTimeoutException e) {
                fail("a second caller of ensureLoaded() never waited to be woken while load ran: it spins or polls,"
                        + " checking a flag again and again (with or without a sleep in between), which burns a core"
                        + " (a thousand such callers keep the loader itself from running) and is not woken by load's"
                        + " end; once.run(this::load) parks the callers until load has returned");
            } finally {
                release.done();
                callers.await();
            }
        });
    }

    private static void call(Loader loader, WaitGroup callers) {
        try {
            loader.ensureLoaded();
        } finally {
            callers.done();
        }
    }

    /**
     * Whether {@code g} is parked until another goroutine wakes it: in a primitive of the runtime, or of the JDK
     * (a spinning goroutine is neither, and a sleeping one wakes by itself).
     */
    private static boolean waits(Goroutine g) {
        return Goroutines.blockedIn(g).isPresent() || switch (g.thread().getState()) {
            case WAITING, BLOCKED -> true;
            default -> false;
        };
    }

    @Test
    void getReturnsTheLoadedValue() {
        var loader = new Loader(Duration.ZERO);
        Stdout.capture(() -> assertEquals("hello", loader.get("greeting"), "get returns the loaded configuration"));
    }
}

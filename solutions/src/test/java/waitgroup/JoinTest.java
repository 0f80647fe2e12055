package waitgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gokata.runtime.Goroutine;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Stdout;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the waitgroup kata: the program prints {@code the value of data is 1} and {@code Done..} on
 * every run, however long the goroutine takes. The race detector, run by the grader, also proves that the read of
 * data happens after the goroutine's write.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/waitgroup/}):
 * <ul>
 *   <li>the untouched starter: prints 0 (and races on data);</li>
 *   <li>{@code sleep-instead-of-join}: {@code sleep(10ms)}; a goroutine delayed by 50 ms has not run yet;</li>
 *   <li>{@code add-inside-goroutine}: {@code wg.add(1)} inside the goroutine; {@code await} returns before the
 *       goroutine has even started, so the counter it saw was 0;</li>
 *   <li>{@code sequential}: calls {@code work()} directly, with no goroutine; prints 1, but there is nothing to
 *       join;</li>
 *   <li>{@code hardcoded}: prints the literal 1 and never waits for the goroutine; the output is right by
 *       construction, and the goroutine increments data after run() returned.</li>
 *   <li>{@code poll-with-sleep}: loops on a volatile data, {@code while (data == 0) sleep(1ms)}, instead of a join;
 *       prints 1, but the caller never parks: it timed out before, and now fails at once with its own message.</li>
 * </ul>
 */
@Timeout(10)
class JoinTest {
    private static final List<String> EXPECTED = List.of("the value of data is 1", "Done..");

    @Test
    void printsOneOnEveryRun() {
        for (int run = 1; run <= 200; run++) {
            assertPrintsOne(new Join(Duration.ZERO), run);
        }
    }

    @Test
    void printsOneWhenTheGoroutineIsSlow() {
        for (int run = 1; run <= 3; run++) {
            assertPrintsOne(new Join(Duration.ofMillis(50)), run);
        }
    }

    /**
     * Join whose work() records the goroutine it runs in and, in a goroutine other than run()'s caller, first waits
     * until the caller is parked in a blocking primitive of the runtime or has returned from run() (or 2 s passed):
     * so work() can finish before run() returns only if run() waits for it.
     */
    static final class Held extends Join {
        private volatile Goroutine caller;
        private volatile boolean returned;
        private volatile boolean workDone;
        volatile boolean workInCaller;
        volatile boolean returnedBeforeWorkDone;
        /** Whether the caller neither parked nor returned in the 2 s work() waited for it (a busy or sleepy poll). */
        volatile boolean callerKeptRunning;

        Held() {
            super(Duration.ZERO);
        }

        @Override
        public void run() {
            caller = Goroutine.current();
            try {
                super.run();
            } finally {
                returnedBeforeWorkDone = !workDone;
                returned = true;
            }
        }

        @Override
        protected void work() {
            Goroutine c = caller;
            if (c == Goroutine.current()) {
                workInCaller = true;
            } else {
                Goroutines.pollUntil(() -> Goroutines.blockedIn(c).isPresent() || returned, Duration.ofSeconds(2));
                callerKeptRunning = Goroutines.blockedIn(c).isEmpty() && !returned;
            }
            super.work();
            workDone = true;
        }
    }

    /**
     * work() runs in a goroutine of its own, and run() returns only after it finished: a program that calls work()
     * directly, or prints without waiting for the goroutine, prints the right line for the wrong reason. Repeated,
     * as a WaitGroup used the wrong way (add inside the goroutine) waits on some schedules only.
     */
    @Test
    void runsWorkInAGoroutineAndWaitsForIt() {
        for (int run = 1; run <= 100; run++) {
            var join = new Held();
            Stdout.capture(join::run);
            assertFalse(join.workInCaller, "work() ran in the goroutine that called run(): there is no goroutine to"
                    + " wait for. Keep go(() -> work()) and join that goroutine with a WaitGroup (wg.add(1) before go,"
                    + " wg.done() when work returns, wg.await() before printing)");
            assertFalse(join.callerKeptRunning, "while the goroutine's work() waited, the goroutine that called"
                    + " run() kept running for 2 s without ever parking: it polled data in a loop (with or without a"
                    + " sleep) instead of joining. A loop that re-reads data burns a core (and without volatile it is"
                    + " a data race); make it wait with a WaitGroup instead: wg.add(1) before go, wg.done() when work"
                    + " returns, wg.await() before printing, which parks the caller until the goroutine calls done");
            assertFalse(join.returnedBeforeWorkDone, "run " + run + ": run() returned before the goroutine's work()"
                    + " had incremented data: it did not wait for the goroutine (a printed 1 that does not come from"
                    + " data, or a read of data before the join, is right by luck at best). Make the main goroutine"
                    + " wait: wg.add(1) before go, wg.done() when work returns, wg.await() before printing data");
        }
    }

    private static void assertPrintsOne(Join join, int run) {
        List<String> lines = Stdout.capture(join::run);
        assertEquals(EXPECTED, lines, "run " + run + ": the value was printed before the goroutine incremented it:"
                + " make the main goroutine wait for it with a WaitGroup (wg.add(1) before go, wg.done() at the end"
                + " of the goroutine, wg.await() before printing)");
    }
}

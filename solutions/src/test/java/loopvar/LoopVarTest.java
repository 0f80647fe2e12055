package loopvar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.Go;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Stdout;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the loopvar kata: the three goroutines print exactly 1, 2 and 3, in any order, on every run and
 * on the bad schedule where every goroutine starts only after the loop has finished; run waits for goroutines that
 * print a second late, and they are alive at the same time. The race detector (run by the grader) also reports the
 * buggy read of the shared counter against the loop's increment.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/loopvar/}):
 * <ul>
 *   <li>the untouched starter: prints {@code 4 4 4} when the goroutines are delayed, a mix otherwise;</li>
 *   <li>{@code copy-inside-goroutine}: copies {@code i[0]} into a local at the top of the goroutine's body; the copy
 *       is made when the goroutine runs, which may be after the loop has moved on (and it races with it);</li>
 *   <li>{@code await-each-iteration}: calls {@code wg.await()} inside the loop, so each goroutine ends before the
 *       counter moves on: 1, 2 and 3, but the goroutines run one after another, and the bug is hidden, not
 *       fixed.</li>
 *   <li>{@code no-goroutines}: runs each printer itself in the loop: 1, 2 and 3, but no goroutine at all;</li>
 *   <li>{@code sleep-instead-of-await}: passes each goroutine its value, but sleeps instead of waiting with the
 *       WaitGroup: run returns before goroutines that start late have printed.</li>
 * </ul>
 */
@Timeout(10)
class LoopVarTest {
    private static final List<String> EXPECTED = List.of("1", "2", "3");

    @Test
    void printsOneTwoThreeWhenTheGoroutinesRunLate() {
        assertPrintsEachValueOnce(new LoopVar(Duration.ofMillis(50)), 1);
    }

    /**
     * Goroutines that print a whole second late are still waited for: run joins them with the WaitGroup. A sleep in
     * place of {@code wg.await()} only guesses how long they take (the timing is on the safe side: a run that waits
     * for its goroutines prints all three lines, however long they take).
     */
    @Test
    void runWaitsForGoroutinesThatPrintLate() {
        List<String> lines = Stdout.capture(new LoopVar(Duration.ofSeconds(1))::run);
        assertEquals(EXPECTED, lines.stream().sorted().toList(), "with goroutines that print 1 s late, run returned"
                + " after printing " + lines + ": run must wait for its goroutines with the WaitGroup (wg.add(1)"
                + " before each go, wg.done() in the goroutine's finally, wg.await() after the loop); a sleep only"
                + " guesses how long they take");
    }

    @Test
    void printsOneTwoThreeOnEveryRun() {
        for (int run = 1; run <= 100; run++) {
            assertPrintsEachValueOnce(new LoopVar(Duration.ZERO), run);
        }
    }

    /**
     * The three goroutines are alive at the same time: the first one to print is held (the other two then wait for
     * System.out's lock, so none can end) until three goroutines of the program are alive, or 2 s passed. A loop
     * that waits for each goroutine before it starts the next never has more than one.
     */
    @Test
    void theThreeGoroutinesRunAtTheSameTime() {
        var baseline = Goroutines.baseline();
        var firstPrint = new FirstPrintWaits(baseline);
        List<String> lines = Stdout.capture(() -> {
            PrintStream captured = System.out;
            System.setOut(new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    firstPrint.await();
                    captured.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    firstPrint.await();
                    captured.write(b, off, len);
                }
            }, true, StandardCharsets.UTF_8));
            try {
                new LoopVar(Duration.ZERO).run();
            } finally {
                System.setOut(captured);
            }
        });
        assertEquals(EXPECTED, lines.stream().sorted().toList(), wrongOutput("", lines));
        assertTrue(firstPrint.mostAlive > 0, "run printed 1, 2 and 3 without a goroutine alive: it runs each"
                + " printer itself, one after another. Start each with go(...), passing it the counter's value");
        assertTrue(firstPrint.mostAlive >= 3, "the three goroutines never ran at the same time (at most "
                + firstPrint.mostAlive + " alive at once): waiting for each goroutine inside the loop hides the"
                + " shared-counter bug (the counter cannot move while the goroutine runs) instead of fixing it, and"
                + " runs the goroutines one after another. Start all three in the loop, each with the counter's value"
                + " passed at the go statement, and call wg.await() once, after the loop");
    }

    /** Holds the first write until three goroutines started since {@code baseline} are alive, or 2 s passed. */
    private static final class FirstPrintWaits {
        private final Goroutines.Baseline baseline;
        private boolean waited; // guarded by System.out's lock: PrintStream writes under it
        volatile int mostAlive;

        FirstPrintWaits(Goroutines.Baseline baseline) {
            this.baseline = baseline;
        }

        void await() {
            if (waited) {
                return;
            }
            waited = true;
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            int alive = baseline.startedSince().size();
            while (alive < 3 && System.nanoTime() < deadline) {
                Go.sleep(Duration.ofMillis(1));
                alive = baseline.startedSince().size();
            }
            mostAlive = alive;
        }
    }

    private static void assertPrintsEachValueOnce(LoopVar program, int run) {
        List<String> lines = Stdout.capture(program::run);
        assertEquals(EXPECTED, lines.stream().sorted().toList(), wrongOutput("run " + run + " ", lines));
    }

    /** Why {@code lines} are not 1, 2 and 3: run returned before every goroutine printed, or they shared i[0]. */
    private static String wrongOutput(String which, List<String> lines) {
        if (lines.size() < EXPECTED.size()) {
            return which + "printed " + lines + ", expected 1, 2 and 3 in any order: run returned before every"
                    + " goroutine had printed; wg.add(1) before each go (not inside the goroutine), and wg.await()"
                    + " once, after the loop";
        }
        return which + "printed " + lines + ", expected 1, 2 and 3 in any order: every goroutine read the shared loop"
                + " counter when it ran, not when it was started; pass each goroutine the counter's value at the go"
                + " statement";
    }
}

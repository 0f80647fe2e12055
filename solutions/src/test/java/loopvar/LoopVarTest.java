package loopvar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gokata.testkit.Stdout;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the loopvar kata: the three goroutines print exactly 1, 2 and 3, in any order, on every run and
 * on the bad schedule where every goroutine starts only after the loop has finished. The race detector (run by the
 * grader) also reports the buggy read of the shared counter against the loop's increment.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/loopvar/}):
 * <ul>
 *   <li>the untouched starter: prints {@code 4 4 4} when the goroutines are delayed, a mix otherwise;</li>
 *   <li>{@code copy-inside-goroutine}: copies {@code i[0]} into a local at the top of the goroutine's body; the copy
 *       is made when the goroutine runs, which may be after the loop has moved on (and it races with it).</li>
 * </ul>
 */
@Timeout(10)
class LoopVarTest {
    private static final List<String> EXPECTED = List.of("1", "2", "3");

    @Test
    void printsOneTwoThreeWhenTheGoroutinesRunLate() {
        assertPrintsEachValueOnce(new LoopVar(Duration.ofMillis(50)), 1);
    }

    @Test
    void printsOneTwoThreeOnEveryRun() {
        for (int run = 1; run <= 100; run++) {
            assertPrintsEachValueOnce(new LoopVar(Duration.ZERO), run);
        }
    }

    private static void assertPrintsEachValueOnce(LoopVar program, int run) {
        List<String> lines = Stdout.capture(program::run);
        assertEquals(EXPECTED, lines.stream().sorted().toList(), "run " + run + " printed " + lines + ", expected 1,"
                + " 2 and 3 in any order: every goroutine read the shared loop counter when it ran, not when it was"
                + " started; pass each goroutine the counter's value at the go statement");
    }
}

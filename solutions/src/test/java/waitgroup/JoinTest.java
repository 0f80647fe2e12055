package waitgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 *       goroutine has even started, so the counter it saw was 0.</li>
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

    private static void assertPrintsOne(Join join, int run) {
        List<String> lines = Stdout.capture(join::run);
        assertEquals(EXPECTED, lines, "run " + run + ": the value was printed before the goroutine incremented it:"
                + " make the main goroutine wait for it with a WaitGroup (wg.add(1) before go, wg.done() at the end"
                + " of the goroutine, wg.await() before printing)");
    }
}

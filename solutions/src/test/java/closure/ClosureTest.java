package closure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gokata.runtime.WaitGroup;
import dev.gokata.testkit.Stdout;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the closure kata: the goroutine increments a variable local to {@code incr} after {@code incr}
 * has returned, and prints 1; {@code done..} comes last. When the goroutine runs at once, the first two lines may
 * come in either order; when it is delayed, {@code return from function} must come first.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/closure/}):
 * <ul>
 *   <li>the untouched starter: never prints the value;</li>
 *   <li>{@code prints-before-increment}: prints {@code value of i: 0};</li>
 *   <li>{@code waits-inside-incr}: awaits the goroutine inside incr, so the variable never outlives the method;</li>
 *   <li>{@code field}: the counter is a field of Closure, not a local of incr: every call shares it, so the second
 *       call prints 2.</li>
 * </ul>
 * {@link ClosureCaptureTest} checks in the bytecode that incr hands the goroutine a counter of its own, which only the
 * goroutine changes (fixtures {@code counter-inside-goroutine}, {@code captures-a-copy}, {@code increments-in-incr}:
 * each prints the expected lines).
 */
@Timeout(10)
class ClosureTest {
    private static final String RETURNED = "return from function";
    private static final String VALUE = "value of i: 1";

    @Test
    void printsTheIncrementedValueAndThenDone() {
        for (int run = 1; run <= 50; run++) {
            List<String> lines = Stdout.capture(new Closure(Duration.ZERO)::run);
            assertEquals(3, lines.size(), "expected three lines, got " + lines);
            assertEquals(List.of(RETURNED, VALUE), lines.subList(0, 2).stream().sorted().toList(),
                    "expected 'return from function' and 'value of i: 1' (in either order) before done..; got "
                            + lines);
            assertEquals("done..", lines.getLast(), "done.. must come last, after the goroutine; got " + lines);
        }
    }

    @Test
    void theGoroutineUsesTheVariableAfterIncrReturned() {
        List<String> lines = Stdout.capture(new Closure(Duration.ofMillis(50))::run);
        assertEquals(List.of(RETURNED, VALUE, "done.."), lines, "with a goroutine that starts 50 ms late, incr"
                + " must return first and the goroutine then still increments its captured i from 0 to 1;"
                + " incr must not wait for the goroutine, and the goroutine must print i after incrementing it");
    }

    /**
     * Each call of incr declares a counter of its own, starting at 0: three calls on the same Closure, one after
     * the other, each print {@code value of i: 1}. A field is shared by every call and counts 1, 2, 3.
     */
    @Test
    void eachCallOfIncrHasACounterOfItsOwn() {
        var closure = new Closure(Duration.ZERO);
        List<String> lines = Stdout.capture(() -> {
            for (int call = 1; call <= 3; call++) {
                var wg = new WaitGroup();
                closure.incr(wg);
                wg.await();
            }
        });
        assertEquals(List.of(VALUE, VALUE, VALUE), lines.stream().filter(l -> l.startsWith("value of i")).toList(),
                "three calls of incr on the same Closure, one after the other, printed " + lines + ": each call must"
                        + " declare its own counter, a local of incr starting at 0 (int[] i = {0};), that the"
                        + " goroutine captures and keeps alive after incr returned. A field is not a local: every"
                        + " call shares it");
    }
}

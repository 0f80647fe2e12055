package dev.gokata.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.Go;
import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.GroupedDump;
import dev.gokata.runtime.Program;
import dev.gokata.runtime.WaitReason;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Waits for the goroutines a kata started to end: how a hidden test proves that cancellation reached every stage.
 * A test takes a {@link Baseline} before it calls the kata's code; the goroutines started since are the kata's, and
 * a failure names each one still alive, with what it waits for and on which line, as Go's goroutine dump does, so
 * that the student sees which stage did not stop. Polls with the runtime's sleep, so a polling test is never
 * mistaken for a deadlock.
 */
public final class Goroutines {
    private static final Duration POLL = Duration.ofMillis(5);

    private Goroutines() {
    }

    /** The goroutines of the calling goroutine's program alive now, before the kata's code starts its own. */
    public static Baseline baseline() {
        var program = Program.current();
        return new Baseline(program, program.goroutines().stream().map(Goroutine::id).collect(Collectors.toSet()));
    }

    /**
     * A failure message: {@code message}, then {@code Still running:} and each goroutine of {@code alive} in the
     * format of Go's goroutine dump (its wait reason, its frames, the {@code go} statement that started it), those
     * alike shown once ({@link GroupedDump}).
     */
    public static String stillRunning(String message, List<Goroutine> alive) {
        return message + "\n\nStill running:\n" + GroupedDump.of(alive.stream().map(Goroutine::traceback).toList());
    }

    /** The goroutines of {@code program} alive when a test took it, by id. */
    public record Baseline(Program program, Set<Long> ids) {
        /**
         * Waits up to {@code limit} for every goroutine started since this baseline to end, and returns those still
         * alive then, in id order (none if all ended).
         */
        public List<Goroutine> settle(Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            List<Goroutine> alive = startedSince();
            while (!alive.isEmpty() && System.nanoTime() < deadline) {
                Go.sleep(POLL);
                alive = startedSince();
            }
            return alive;
        }

        /**
         * Fails unless every goroutine started since this baseline ends within {@code limit}: the message says how
         * many did not, then {@code what}, then shows each of them ({@link #stillRunning}).
         */
        public void assertAllEnded(Duration limit, String what) {
            List<Goroutine> alive = settle(limit);
            if (!alive.isEmpty()) {
                fail(stillRunning(alive.size() + " goroutine" + (alive.size() == 1 ? " was" : "s were")
                        + " still alive " + limit.toMillis() + " ms after " + what, alive));
            }
        }

        /** The goroutines alive now that were not alive when the baseline was taken, in id order. */
        public List<Goroutine> startedSince() {
            return program.goroutines().stream().filter(g -> !g.finished() && !ids.contains(g.id())).toList();
        }
    }

    /**
     * Polls {@code condition} every millisecond, sleeping as a goroutine sleeps (the deadlock detector sees a sleeper,
     * not a deadlock), until it holds or {@code limit} has passed; whether it held.
     */
    public static boolean pollUntil(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Go.sleep(Duration.ofMillis(1));
        }
        return true;
    }

    /** What a call returned, and how many goroutines it started. */
    public record Started<T>(T result, long goroutines) {
    }

    /**
     * Calls {@code call} and counts the goroutines it started. Go numbers goroutines in the order they are started,
     * so two probe goroutines started just before and just after the call have ids that differ by one more than that
     * count: no clock, no schedule (a goroutine that has already finished still took its id). Call it from a
     * goroutine of a program in which nothing else starts goroutines meanwhile.
     */
    public static <T> Started<T> countStarts(Supplier<T> call) {
        long before = Go.go(() -> { }).id();
        T result = call.get();
        long after = Go.go(() -> { }).id();
        return new Started<>(result, after - before - 1);
    }

    /**
     * Looks at {@code g} twice, {@code look} apart, and says how many times it woke and waited again in between while
     * nothing could have woken it ({@code quiet}, asked after the second look, holds: no sender has sent yet, say).
     * Empty if it stayed in one wait, or if {@code quiet} no longer holds and the wakes tell nothing. A goroutine
     * parked in a select that waits sees no wake; one that polls (a select with a 1 ms timer, in a loop) parks
     * each time, so its wait reason alone looks right, and wakes at every tick ({@link Goroutine#waitNumber}).
     */
    public static OptionalInt wakesWhileQuiet(Goroutine g, Duration look, BooleanSupplier quiet) {
        int first = g.waitNumber();
        Go.sleep(look);
        int now = g.waitNumber();
        return now != first && quiet.getAsBoolean() ? OptionalInt.of(now - first) : OptionalInt.empty();
    }

    /**
     * The primitive {@code g} is parked in now, if only another goroutine can end its wait (a channel, a WaitGroup,
     * a mutex: {@link WaitReason#canDeadlock}); empty while it runs, sleeps or has ended. Also empty from the moment
     * another goroutine wakes it (its thread is no longer parked) until it runs again and clears its wait reason
     * itself: a test that hands a goroutine a value and then waits for it to park again sees it park again, not the
     * wait that just ended. Empty too while it is parked with a deadline (a select with an {@code after} case), which
     * ends by itself.
     */
    public static Optional<WaitReason> blockedIn(Goroutine g) {
        return g.waitReason().filter(WaitReason::canDeadlock)
                .filter(r -> g.thread().getState() == Thread.State.WAITING);
    }
}

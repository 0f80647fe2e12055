package dev.gokata.runtime;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Programs.awaitWaiting;
import static dev.gokata.runtime.Programs.runOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.race.Race;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A go statement's site is captured from the stack, or, for a lambda written in the {@code go(...)} call, proven
 * once from the bytecode and shared: either way dumps and leak reports name the user's go statement.
 */
@Timeout(30)
class CreationSiteTest {
    private static final int MANY = LambdaSites.PROVE_AFTER + 64;

    /** The line after the caller's: put it on the line before a {@code go(...)} call to learn that call's line. */
    private static int nextLine() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow()).getLineNumber() + 1;
    }

    @Test
    void givenALambdaWrittenInTheGoCall_whenStartedManyTimes_thenItsSiteIsProvenAndNamesThatLine() {
        int[] line = new int[1];
        String[] report = new String[1];
        runOk(() -> {
            Chan<Integer> never = Chan.make(0);
            // A switch before the go statement: the proof counts bytecode offsets past its padding.
            int kind = (int) (System.nanoTime() & 3);
            String name = switch (kind) {
                case 0 -> "zero";
                case 1 -> "one";
                case 2 -> "two";
                default -> "three";
            };
            var started = new ArrayList<Goroutine>();
            for (int i = 0; i < MANY; i++) {
                boolean last = i == MANY - 1;
                line[0] = nextLine();
                started.add(go(() -> blockIf(last, never, name)));
            }
            Goroutine g = started.getLast();
            awaitWaiting(g, WaitReason.CHAN_RECEIVE);
            assertEquals(line[0], g.createdAt().getFirst().getLineNumber());
            if (!Race.ENABLED) { // with the race detector on, every site is captured whole
                assertEquals(1, g.createdAt().size(), "the proven site: the go statement's frame alone");
            }
            assertTrue(started.getFirst().createdAt().size() > 1, "captured before the proof: the callers too");
            report[0] = Program.leakReport(Program.current().leaks(Duration.ofMillis(100)));
            never.close();
        });
        assertTrue(report[0].contains("""
                created by dev.gokata.runtime.CreationSiteTest.givenALambdaWrittenInTheGoCall_whenStartedManyTimes\
                _thenItsSiteIsProvenAndNamesThatLine.func1 in goroutine 1
                \tCreationSiteTest.java:%d
                """.formatted(line[0])), report[0]);
    }

    @Test
    void givenALambdaPassedThroughAVariable_whenStartedFromTwoLines_thenEachGoroutineNamesItsOwnLine() {
        runOk(() -> {
            Chan<Integer> never = Chan.make(0);
            Runnable body = never::recv;
            var first = new ArrayList<Goroutine>();
            int firstLine = nextLine();
            for (int i = 0; i < MANY; i++) first.add(go(body));
            int secondLine = nextLine();
            Goroutine second = go(body);
            awaitWaiting(second, WaitReason.CHAN_RECEIVE);
            assertNull(LambdaSites.of(body.getClass()).site(), "a lambda in a variable is never proven");
            for (Goroutine g : first) {
                assertEquals(firstLine, g.createdAt().getFirst().getLineNumber());
            }
            assertEquals(secondLine, second.createdAt().getFirst().getLineNumber());
            assertTrue(second.traceback().contains("\tCreationSiteTest.java:" + secondLine + "\n"),
                    second.traceback());
            never.close();
        });
    }

    @Test
    void givenAMethodReferenceInTheGoCall_whenStartedManyTimes_thenProven() {
        runOk(() -> {
            var wg = new WaitGroup();
            wg.add(MANY);
            Goroutine g = null;
            int line = nextLine();
            for (int i = 0; i < MANY; i++) g = go(wg::done);
            wg.await();
            assertEquals(line, g.createdAt().getFirst().getLineNumber());
            if (!Race.ENABLED) { // one frame: the shared site of the proof, not a capture with the callers
                assertEquals(1, g.createdAt().size());
            }
        });
    }

    @Test
    void givenAMultiLineLambdaInTheGoCall_whenProven_thenItsSiteIsTheOneACaptureNames() {
        runOk(() -> {
            var wg = new WaitGroup();
            wg.add(MANY);
            var started = new ArrayList<Goroutine>();
            for (int i = 0; i < MANY; i++) {
                int n = i;
                started.add(go(
                        () -> {
                            if (n >= 0) {
                                wg.done();
                            }
                        }));
            }
            wg.await();
            StackTraceElement captured = started.getFirst().createdAt().getFirst();
            StackTraceElement proven = started.getLast().createdAt().getFirst();
            assertEquals(captured, proven);
            if (!Race.ENABLED) {
                assertEquals(1, started.getLast().createdAt().size(), "proven");
            }
        });
    }

    private static void blockIf(boolean block, Chan<Integer> ch, String name) {
        if (block && !name.isEmpty()) {
            ch.recv();
        }
    }
}

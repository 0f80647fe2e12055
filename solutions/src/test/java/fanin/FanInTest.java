package fanin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Go;
import dev.gokata.runtime.Received;
import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.RecvChan;
import dev.gokata.testkit.Bytecode;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Recv;
import dev.gokata.testkit.Sandbox;
import dev.gokata.testkit.Stdout;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Hidden tests of the fan-in kata (catalog §10.2): merge forwards every value of every input, nothing lost or
 * duplicated, as soon as it arrives, and closes its output only after every input is closed.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/fanin/):
 * <ul>
 *   <li>the untouched starter: merge throws, main prints nothing;</li>
 *   <li>{@code closes-after-first}: each forwarder closes the output when its own input is done: the output
 *       closes too early (values lost), and the second close panics {@code close of closed channel} (main may print
 *       4 and 9 all the same, so main's test checks the close first);</li>
 *   <li>{@code sequential-merge}: one goroutine ranges over the inputs one after the other: a value waiting on
 *       the second input is not forwarded while the first is idle;</li>
 *   <li>{@code never-closes}: forwards everything but never closes the output: ranging over it never ends.</li>
 *   <li>{@code polling-closer}: the closer sleeps a millisecond at a time until a counter of running forwarders
 *       reaches zero: the output closes, but by polling; the test of idle inputs finds that goroutine sleeping,
 *       not waiting (on a WaitGroup or a channel) for the forwarders;</li>
 *   <li>{@code one-square-stage}: main prints 4 and 9 through a single square stage: no fan-out;</li>
 *   <li>{@code main-without-merge}: main ranges over the two square stages one after the other, without merge:
 *       no fan-in (both are found by reading main's compiled code).</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FanInTest {
    private static final Duration LIMIT = Duration.ofSeconds(3);

    private static List<Integer> sorted(List<Integer> values) {
        var copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }

    @Test
    void whenMainRuns_thenItPrints4And9InAnyOrder() {
        assertTheOutputClosesOnlyAfterTheLastInput();
        List<String> lines = Stdout.capture(() -> Sandbox.runToExit(() -> FanIn.main(new String[0]), LIMIT,
                "main's range over merge's output never ended, with every goroutine waiting: merge must close its"
                        + " output once every input is drained (count the forwarding goroutines with a WaitGroup, and"
                        + " let one more goroutine wait for them and close the output)"));

        assertEquals(List.of("4", "9"), lines.stream().sorted().toList(),
                "what main printed (4 and 9, in either order): " + lines);
    }

    @Test
    void givenTwoSquareStagesOnOneInput_whenMerged_thenEverySquareArrivesOnce() {
        RecvChan<Integer> in = FanIn.generator(IntStream.rangeClosed(1, 1000).toArray());

        List<Integer> values = Recv.drain(FanIn.merge(FanIn.square(in), FanIn.square(in)), LIMIT);

        assertEquals(IntStream.rangeClosed(1, 1000).map(n -> n * n).boxed().toList(), sorted(values),
                "merge of two squarers over 1..1000 must deliver every square exactly once");
    }

    @Test
    void givenTenInputs_whenMerged_thenEveryValueArrivesOnce() {
        @SuppressWarnings("unchecked")
        RecvChan<Integer>[] inputs = new RecvChan[10];
        for (int i = 0; i < 10; i++) {
            inputs[i] = FanIn.generator(IntStream.range(i * 100, i * 100 + 100).toArray());
        }

        List<Integer> values = Recv.drain(FanIn.merge(inputs), LIMIT);

        assertEquals(IntStream.range(0, 1000).boxed().toList(), sorted(values),
                "merge of ten channels of 100 values each must deliver all 1000 values exactly once");
    }

    @Test
    void givenNoInputs_whenMerged_thenTheOutputIsClosedAtOnce() {
        Optional<Received<Integer>> r = Recv.within(FanIn.merge(), Duration.ofSeconds(1));

        assertTrue(r.isPresent(), "merge() with no channels must close its output at once; it stayed open");
        assertFalse(r.get().ok(), "merge() with no channels must close its output, but sent " + r.get().value());
    }

    @Test
    void givenInputsClosingOneByOne_whenMerged_thenTheOutputClosesOnlyAfterTheLast() {
        assertTheOutputClosesOnlyAfterTheLastInput();
    }

    /**
     * Merges two inputs that close one after the other: the output stays open until the second one is closed. Main's
     * test checks this first: a merge that closes its output too early prints 4 and 9 or not, as the schedule has it.
     */
    private static void assertTheOutputClosesOnlyAfterTheLastInput() {
        Chan<Integer> a = Chan.make();
        Chan<Integer> b = Chan.make();
        RecvChan<Integer> out = FanIn.merge(a.recvOnly(), b.recvOnly());

        Go.go(() -> {
            a.send(1);
            a.close();
        });
        assertEquals(Optional.of(new Received<>(1, true)), Recv.within(out, LIMIT),
                "the value sent on the first input");
        Optional<Received<Integer>> early = Recv.within(out, Duration.ofMillis(50));
        assertTrue(early.isEmpty(), "merge's output was closed (or sent " + early.map(Received::value).orElse(null)
                + ") while the second input was still open: close it only after every input is closed");

        Go.go(() -> {
            b.send(2);
            b.close();
        });
        assertEquals(List.of(2), Recv.drain(out, LIMIT), "after the last input closed: its value, then the close");
    }

    @Test
    void givenAnIdleFirstInput_whenTheSecondSends_thenTheValueIsForwardedAtOnce() {
        Chan<Integer> idle = Chan.make();
        Chan<Integer> busy = Chan.make();
        RecvChan<Integer> out = FanIn.merge(idle.recvOnly(), busy.recvOnly());

        Go.go(() -> {
            busy.send(7);
            busy.close();
        });
        Optional<Received<Integer>> r = Recv.within(out, Duration.ofSeconds(1));
        idle.close();
        List<Integer> rest = Recv.drain(out, LIMIT);

        assertEquals(Optional.of(new Received<>(7, true)), r, "a value sent on the second input while the first "
                + "was idle was not forwarded: merge must read every input at the same time (a goroutine each)");
        assertEquals(List.of(), rest, "values after the first");
    }

    /**
     * While every input is open and idle, every goroutine merge started waits in the runtime for another goroutine
     * (a receive, a WaitGroup): none sleeps or spins to find out when to close the output.
     */
    @Test
    void givenIdleInputs_whenMerged_thenEveryGoroutineOfMergeWaitsWithoutPolling() {
        Chan<Integer> a = Chan.make();
        Chan<Integer> b = Chan.make();
        var baseline = Goroutines.baseline();
        RecvChan<Integer> out = FanIn.merge(a.recvOnly(), b.recvOnly());

        boolean parked = Goroutines.pollUntil(() -> {
            List<Goroutine> started = baseline.startedSince();
            return !started.isEmpty() && started.stream().allMatch(g -> Goroutines.blockedIn(g).isPresent());
        }, Duration.ofSeconds(2));
        List<Goroutine> started = baseline.startedSince();
        a.close();
        b.close();
        List<Integer> rest = Recv.drain(out, LIMIT);

        assertTrue(parked, Goroutines.stillRunning("with both inputs open and idle, not every goroutine of merge was"
                + " waiting for another goroutine: one slept or spun, polling to find out when to close the output."
                + " Let the closer wait for the forwarders (wg.await() on a WaitGroup that each forwarder marks"
                + " done), so that it wakes exactly when the last one ends", started));
        assertEquals(List.of(), rest, "values from inputs that only closed");
    }

    /** How many times main calls square and merge, and whether a call of square may run more than once. */
    private record MainCalls(int squares, boolean squareInALoop, int merges) {
    }

    /** A call in a method of FanIn: to FanIn's method {@code name} (a lambda's body too), and whether in a loop. */
    private record Call(String name, String desc, boolean inALoop) {
    }

    /**
     * Reads the compiled FanIn: the calls of square and merge that main makes, itself or through FanIn's other
     * methods and lambdas (a helper that fans out is main's fan-out too). A call reached through a loop or a lambda
     * may run more than once.
     */
    private static MainCalls mainCalls() throws IOException {
        var methods = new HashMap<String, List<Call>>();
        Bytecode.visitMethods(FanIn.class, (access, name, desc) -> {
            var calls = new ArrayList<Call>();
            var callsAt = new ArrayList<Integer>();
            var loops = new ArrayList<int[]>();
            methods.put(name + desc, calls);
            return new MethodVisitor(Opcodes.ASM9) {
                private final Map<Label, Integer> seen = new HashMap<>();
                private int at;

                @Override
                public void visitLabel(Label label) {
                    seen.put(label, at);
                }

                @Override
                public void visitJumpInsn(int opcode, Label label) {
                    at++;
                    if (seen.containsKey(label)) {
                        loops.add(new int[] {seen.get(label), at});
                    }
                }

                @Override
                public void visitMethodInsn(int op, String owner, String mname, String mdesc, boolean itf) {
                    at++;
                    if (owner.equals("fanin/FanIn")) {
                        calls.add(new Call(mname, mdesc, false));
                        callsAt.add(at);
                    }
                }

                @Override
                public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                    at++;
                    for (Object arg : args) {
                        if (arg instanceof Handle h && h.getOwner().equals("fanin/FanIn")) {
                            calls.add(new Call(h.getName(), h.getDesc(), true)); // a lambda may run often
                            callsAt.add(at);
                        }
                    }
                }

                @Override
                public void visitEnd() {
                    for (int i = 0; i < calls.size(); i++) {
                        int call = callsAt.get(i);
                        if (loops.stream().anyMatch(l -> l[0] <= call && call <= l[1])) {
                            Call c = calls.get(i);
                            calls.set(i, new Call(c.name(), c.desc(), true));
                        }
                    }
                }
            };
        });
        int[] counts = new int[2]; // square, merge
        boolean[] squareInALoop = {false};
        follow(methods, "main([Ljava/lang/String;)V", false, 0, counts, squareInALoop);
        return new MainCalls(counts[0], squareInALoop[0], counts[1]);
    }

    /** Counts the square and merge calls reachable from {@code method}, through FanIn's other methods (4 deep). */
    private static void follow(Map<String, List<Call>> methods, String method, boolean repeated, int depth,
            int[] counts, boolean[] squareInALoop) {
        if (depth > 4) {
            return;
        }
        for (Call c : methods.getOrDefault(method, List.of())) {
            boolean again = repeated || c.inALoop();
            switch (c.name()) {
                case "square" -> {
                    counts[0]++;
                    squareInALoop[0] |= again;
                }
                case "merge" -> counts[1]++;
                case "generator" -> { }
                default -> follow(methods, c.name() + c.desc(), again, depth + 1, counts, squareInALoop);
            }
        }
    }

    @Test
    void whenMainRuns_thenItFansOutToTwoSquareStagesAndFansInWithMerge() throws IOException {
        MainCalls calls = mainCalls();

        assertTrue(calls.squares() >= 2 || calls.squareInALoop(), "main calls square " + calls.squares() + " time"
                + (calls.squares() == 1 ? "" : "s") + ": fan out, start two square stages that both read from the"
                + " generator's channel (square(in) twice)");
        assertTrue(calls.merges() >= 1, "main never calls merge: fan the two square stages' outputs in with"
                + " merge(c1, c2) and range over what it returns, rather than reading the stages one after the other");
    }
}

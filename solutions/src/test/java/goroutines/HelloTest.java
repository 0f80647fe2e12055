package goroutines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.Goroutine;
import dev.gokata.testkit.Bytecode;
import dev.gokata.testkit.Concurrency;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Stdout;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Hidden tests of the goroutines kata: {@code direct call} three times, then each of goroutine-1..3 three times in
 * any interleaving, all before {@code done..}; the goroutines overlap and are joined, not waited for with a sleep.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/goroutines/}):
 * <ul>
 *   <li>the untouched starter: no goroutine-N line at all;</li>
 *   <li>{@code sleep-instead-of-join}: {@code sleep(100ms)} instead of a WaitGroup; with slow goroutines
 *       {@code done..} comes before their last lines;</li>
 *   <li>{@code long-sleep-instead-of-join}: {@code sleep(1s)}; the order holds but {@code run} returns long after
 *       the goroutines finished;</li>
 *   <li>{@code sequential}: calls fun three times without go; the three never overlap;</li>
 *   <li>{@code platform-threads}: {@code Thread.ofPlatform().start(...)} instead of go; correct output, but the work
 *       runs outside gokata's goroutines;</li>
 *   <li>{@code busy-wait}: spins on an atomic counter, {@code while (finished.get() < 3) {}}, instead of a
 *       WaitGroup; correct output, but the caller never blocks: it burns a core while the goroutines run.</li>
 *   <li>{@code joins-two-of-three}: {@code wg.add(2)}, and the third goroutine never calls {@code done}; correct
 *       output on most schedules, but run() returns while the third is still at work when it finishes last;</li>
 *   <li>{@code no-function-value}: the third goroutine calls {@code fun} directly; correct output, but the third way
 *       of starting a goroutine (a function value) is missing: the bytecode test fails it.</li>
 * </ul>
 */
@Timeout(10)
class HelloTest {
    private static final List<String> NAMES = List.of("goroutine-1", "goroutine-2", "goroutine-3");

    /**
     * Hello with its goroutines' fun instrumented: overlap, thread kind, and when the last one ended. With
     * {@code holdUntilCallerBlocks}, each goroutine's fun first waits until the goroutine that called run() is parked
     * in a blocking primitive of the runtime (or has returned, or 2 s passed), and records what it saw.
     */
    static final class Probed extends Hello {
        final Concurrency probe = new Concurrency();
        final Set<String> outsideGoroutines = ConcurrentHashMap.newKeySet();
        final AtomicLong lastFinished = new AtomicLong();
        /** With holdUntilCallerBlocks: what the caller did instead of blocking while a goroutine waited to start. */
        final Set<String> callerNotBlocked = ConcurrentHashMap.newKeySet();
        /** With a late goroutine: whether run() had returned when it was let go. */
        volatile boolean returnedBeforeLateRan;
        /** Counted down once the late goroutine has recorded returnedBeforeLateRan. */
        final CountDownLatch lateDecided = new CountDownLatch(1);
        private final AtomicInteger finished = new AtomicInteger();
        private volatile String late;
        private final boolean awaitOverlap;
        private final boolean holdUntilCallerBlocks;
        private volatile boolean overlapMissed;
        private volatile Goroutine caller;
        private volatile boolean returned;

        Probed(Duration pause, boolean awaitOverlap) {
            this(pause, awaitOverlap, false);
        }

        Probed(Duration pause, boolean awaitOverlap, boolean holdUntilCallerBlocks) {
            super(pause);
            this.awaitOverlap = awaitOverlap;
            this.holdUntilCallerBlocks = holdUntilCallerBlocks;
        }

        @Override
        public void run() {
            caller = Goroutine.current();
            try {
                super.run();
            } finally {
                returned = true;
            }
        }

        /** Waits until the caller is parked in a blocking primitive (not a sleep); records it if it never was. */
        private void holdUntilCallerBlocks(String s) {
            Goroutine c = caller;
            if (c == Goroutine.current()) {
                callerNotBlocked.add("it ran fun(\"" + s + "\") itself");
                return;
            }
            Goroutines.pollUntil(() -> Goroutines.blockedIn(c).isPresent() || returned, Duration.ofSeconds(2));
            if (Goroutines.blockedIn(c).isEmpty()) {
                callerNotBlocked.add(returned ? "it returned from run() before the goroutines had done their work"
                        : "it kept running for 2 s after the goroutines had started");
            }
        }

        /**
         * Makes goroutine {@code name} the late one: its fun first waits until the other two have finished fun, then
         * gives run() up to {@code grace} to return (a run() that joins every goroutine cannot), and records if it did.
         */
        Probed late(String name) {
            late = name;
            return this;
        }

        private void holdLate(Duration grace) {
            Goroutines.pollUntil(() -> finished.get() == 2, Duration.ofSeconds(2));
            Goroutines.pollUntil(() -> returned, grace);
            returnedBeforeLateRan = returned;
            lateDecided.countDown();
        }

        @Override
        protected void fun(String s) {
            if (!s.startsWith("goroutine-")) {
                super.fun(s);
                return;
            }
            if (s.equals(late)) {
                holdLate(Duration.ofMillis(500));
            }
            if (Goroutine.current().adopted()) {
                outsideGoroutines.add(s);
            }
            if (holdUntilCallerBlocks) {
                holdUntilCallerBlocks(s);
            }
            probe.enter();
            try {
                if (awaitOverlap && !overlapMissed && !probe.awaitOverlap(3, Duration.ofSeconds(1))) {
                    overlapMissed = true;
                }
                super.fun(s);
            } finally {
                probe.exit();
                finished.incrementAndGet();
                lastFinished.accumulateAndGet(System.nanoTime(), Math::max);
            }
        }
    }

    @Test
    void printsDirectCallsThenEachGoroutineThreeTimesThenDone() {
        var hello = new Probed(Duration.ofMillis(1), false);
        List<String> lines = Stdout.capture(hello::run);

        assertTrue(lines.size() >= 3
                && lines.subList(0, 3).equals(List.of("direct call", "direct call", "direct call")),
                "expected the output to start with 'direct call' three times, got " + lines);
        for (String name : NAMES) {
            long n = lines.stream().filter(name::equals).count();
            assertEquals(3, n, name + " was printed " + n + " times, expected 3 (fun prints its argument three times)"
                    + "; output: " + lines);
        }
        assertEquals(1, lines.stream().filter("waiting for goroutines to complete.."::equals).count(),
                "expected 'waiting for goroutines to complete..' once; output: " + lines);
        assertEquals("done..", lines.getLast(), "expected 'done..' as the last line; output: " + lines);
        assertEquals(3 + 9 + 2, lines.size(), "expected 14 lines; output: " + lines);
        assertTrue(hello.outsideGoroutines.isEmpty(), hello.outsideGoroutines
                + " ran on a thread not started with go(...): start every goroutine with go(() -> ...)");
    }

    @Test
    void joinsSlowGoroutinesInsteadOfGuessingWithASleep() {
        var hello = new Probed(Duration.ofMillis(250), false);
        List<String> lines = Stdout.capture(hello::run);

        int done = lines.indexOf("done..");
        assertTrue(done >= 0, "'done..' was never printed; output: " + lines);
        for (String name : NAMES) {
            long before = lines.subList(0, done).stream().filter(name::equals).count();
            assertEquals(3, before, "done.. was printed before " + name + " finished (" + before + " of its 3 lines"
                    + " came first): join the goroutines with a WaitGroup instead of sleeping; output: " + lines);
        }
    }

    /**
     * Each goroutine in turn is the late one: it starts its work only after the other two have finished theirs and
     * run() had half a second to return. A run() that waits for some of the goroutines only (a WaitGroup whose
     * counter is less than three, or a done() in one goroutine only) returns in that half second: caught, whichever
     * goroutine it forgot. A run() that joins all three never returns early, whatever the schedule.
     */
    @ParameterizedTest(name = "{0} finishes last")
    @ValueSource(strings = {"goroutine-1", "goroutine-2", "goroutine-3"})
    void waitsForEveryGoroutineWhicheverFinishesLast(String late) {
        var hello = new Probed(Duration.ofMillis(1), false).late(late);
        var before = Goroutines.baseline();
        List<String> lines = Stdout.capture(hello::run);

        assertTrue(awaitWhileGoroutinesLive(hello.lateDecided, before), late + " never started its work");
        assertFalse(hello.returnedBeforeLateRan, "run() printed done.. and returned while " + late + " had not"
                + " even started its work (it started only after the other two had finished): run() waited for some"
                + " of the goroutines only. Join all three: wg.add(3) before the go statements (or wg.add(1) before"
                + " each), wg.done() at the end of every goroutine, then wg.await(); output: " + lines);
    }

    @Test
    void returnsAsSoonAsTheLastGoroutineFinished() {
        var hello = new Probed(Duration.ofMillis(1), false);
        Stdout.capture(hello::run);
        long returned = System.nanoTime();

        assertEquals(3, hello.probe.entries(), "expected fun to run in three goroutines, it ran in "
                + hello.probe.entries());
        long lateMillis = (returned - hello.lastFinished.get()) / 1_000_000;
        assertTrue(lateMillis < 250, "run() returned " + lateMillis
                + " ms after the last goroutine finished: it waited with a sleep; wg.await() returns as soon as"
                + " the last goroutine calls wg.done()");
    }

    @Test
    void theThreeGoroutinesRunAtTheSameTime() {
        var hello = new Probed(Duration.ofMillis(1), true);
        Stdout.capture(hello::run);

        assertEquals(3, hello.probe.entries(), "expected fun to run in three goroutines, it ran in "
                + hello.probe.entries());
        if (hello.probe.peak() < 3) {
            fail("the three goroutines never ran at the same time (at most " + hello.probe.peak()
                    + " at once): start all three with go(...) before waiting for any of them");
        }
        assertFalse(hello.outsideGoroutines.size() > 0, hello.outsideGoroutines
                + " ran on a thread not started with go(...): start every goroutine with go(() -> ...)");
    }

    /**
     * While the goroutines run, the goroutine that called run() waits parked in the runtime (wg.await() shows as
     * {@code sync.WaitGroup.Wait} in a goroutine dump): a busy-wait on a variable never parks, it burns a core.
     */
    @Test
    void theCallerBlocksInAJoinWhileTheGoroutinesRun() {
        var hello = new Probed(Duration.ofMillis(1), false, true);
        Stdout.capture(hello::run);

        assertEquals(3, hello.probe.entries(), "expected fun to run in three goroutines, it ran in "
                + hello.probe.entries());
        assertTrue(hello.callerNotBlocked.isEmpty(), "while the goroutines ran, the goroutine that called run() never"
                + " blocked in a join (" + String.join("; ", hello.callerNotBlocked.stream().sorted().toList())
                + "). A busy-wait, a loop that re-reads a counter until the goroutines have set it, keeps a core"
                + " spinning and is not a join:"
                + " create a WaitGroup, wg.add(3) before the go statements, wg.done() at the end of each goroutine,"
                + " and wg.await(), which parks the caller until the last wg.done()");
    }

    /**
     * The third goroutine calls a function value: fun stored in a variable ({@code Consumer<String> fv = this::fun}),
     * then called through it. The output cannot show it, so this reads Hello's bytecode, and its nested and anonymous
     * classes': some code must make a value of a functional interface other than Runnable (a lambda, a method
     * reference, or an object of a class of Hello's own that implements it) and call that interface's method, or
     * hand the value to a method that calls it ({@code forEach(fv)}). Three forwarding lambdas print the same lines
     * but skip the third way of starting a goroutine.
     */
    @Test
    void theThirdGoroutineCallsAFunctionValue() throws IOException {
        Set<String> made = new HashSet<>();
        Set<String> called = new HashSet<>();
        Set<String> nest = new HashSet<>();
        for (Class<?> c : Bytecode.nest(Hello.class)) {
            nest.add(Type.getInternalName(c));
            if (!c.isInterface() && c != Hello.class) {
                Arrays.stream(c.getInterfaces()).filter(i -> i != Runnable.class).map(Type::getInternalName)
                        .forEach(made::add);
            }
        }
        for (Class<?> c : Bytecode.nest(Hello.class)) {
            Bytecode.visitMethods(c, (access, name, desc) -> new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                    String type = Type.getReturnType(d).getInternalName();
                    if (bsm.getOwner().equals("java/lang/invoke/LambdaMetafactory")
                            && !type.equals("java/lang/Runnable")) {
                        made.add(type);
                    }
                }

                @Override
                public void visitMethodInsn(int op, String owner, String m, String d, boolean itf) {
                    if (op == Opcodes.INVOKEINTERFACE) {
                        called.add(owner);
                    }
                    if (!nest.contains(owner)) { // a value handed to the JDK, which calls it: forEach(fv)
                        Arrays.stream(Type.getArgumentTypes(d)).filter(t -> t.getSort() == Type.OBJECT)
                                .map(Type::getInternalName).forEach(called::add);
                    }
                }
            });
        }
        made.retainAll(called);
        assertFalse(made.isEmpty(), "run() never calls fun through a function value: store fun in a variable,"
                + " Consumer<String> fv = this::fun;, and start the third goroutine with go(() ->"
                + " fv.accept(\"goroutine-3\")). A lambda that calls fun(\"goroutine-3\") directly is the first way"
                + " again, not the third");
    }

    /**
     * Waits up to 5 s for {@code latch}, but gives up as soon as no goroutine started since {@code before} is alive:
     * one that was never started, or has ended, will not count it down (a starter's run() starts none, and the test
     * would otherwise wait the whole limit).
     */
    private static boolean awaitWhileGoroutinesLive(CountDownLatch latch, Goroutines.Baseline before) {
        Goroutines.pollUntil(() -> latch.getCount() == 0 || before.startedSince().isEmpty(), Duration.ofSeconds(5));
        return latch.getCount() == 0;
    }
}

package dev.gokata.runtime;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Programs.awaitWaiting;
import static dev.gokata.runtime.Programs.runDeadlocked;
import static dev.gokata.runtime.Programs.runPanicked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DiagnosticsTest {

    /** The line after the caller's: put it on the line before a {@code go(...)} call to learn that call's line. */
    private static int nextLine() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow()).getLineNumber() + 1;
    }

    @Test
    void givenADeadlockedProgram_whenDumped_thenEveryGoroutineIsInGoFormat() {
        int[] lines = new int[3];
        String report = runDeadlocked(() -> {
            var mu = new Mutex();
            var wg = new WaitGroup();
            mu.lock();
            wg.add(1);
            lines[0] = nextLine();
            go(() -> {
                lines[1] = nextLine();
                mu.lock();
                wg.done();
            });
            lines[2] = nextLine();
            wg.await();
        });
        String expected = """
                fatal error: all goroutines are asleep - deadlock!

                goroutine 1 [sync.WaitGroup.Wait]:
                dev.gokata.runtime.WaitGroup.await(...)
                \tWaitGroup.java:%%
                dev.gokata.runtime.DiagnosticsTest.givenADeadlockedProgram_whenDumped_thenEveryGoroutineIsInGoFormat\
                .func1(...)
                \tDiagnosticsTest.java:%d

                goroutine 2 [sync.Mutex.Lock]:
                dev.gokata.runtime.Mutex.lock(...)
                \tMutex.java:%%
                dev.gokata.runtime.DiagnosticsTest.givenADeadlockedProgram_whenDumped_thenEveryGoroutineIsInGoFormat\
                .func2(...)
                \tDiagnosticsTest.java:%d
                created by dev.gokata.runtime.DiagnosticsTest\
                .givenADeadlockedProgram_whenDumped_thenEveryGoroutineIsInGoFormat.func1 in goroutine 1
                \tDiagnosticsTest.java:%d
                """.formatted(lines[2], lines[1], lines[0]);
        assertEquals(expected, report.replaceAll("(WaitGroup|Mutex)\\.java:\\d+", "$1.java:%"), report);
    }

    @Test
    void givenGoroutinesBlockedInChannelOperations_whenDumped_thenOnlyTheirOwnFramesShowAsInGo() {
        int[] lines = new int[3];
        Chan<Integer> never = Chan.make();
        String report = runDeadlocked(() -> {
            lines[0] = nextLine();
            go(() -> {
                lines[1] = nextLine();
                never.send(1);
            });
            lines[2] = nextLine();
            for (int ignored : Chan.<Integer>make()) {
                throw new AssertionError("nothing is ever sent");
            }
        });
        String name = "dev.gokata.runtime.DiagnosticsTest"
                + ".givenGoroutinesBlockedInChannelOperations_whenDumped_thenOnlyTheirOwnFramesShowAsInGo";
        assertEquals("""
                fatal error: all goroutines are asleep - deadlock!

                goroutine 1 [chan receive]:
                %s.func1(...)
                \tDiagnosticsTest.java:%d

                goroutine 2 [chan send]:
                %s.func2(...)
                \tDiagnosticsTest.java:%d
                created by %s.func1 in goroutine 1
                \tDiagnosticsTest.java:%d
                """.formatted(name, lines[2], name, lines[1], name, lines[0]), report);
    }

    @Test
    void givenAGoroutineBlockedForever_whenMainReturns_thenTheLeakCheckNamesItsWaitAndCreationLine() {
        var never = new WaitGroup();
        never.add(1);
        int[] line = new int[1];
        var program = new Program();
        Outcome outcome = program.run(() -> {
            line[0] = nextLine();
            Goroutine g = go(never::await);
            awaitWaiting(g, WaitReason.WAITGROUP_WAIT);
        }, Programs.LIMIT);
        assertInstanceOf(Outcome.Exited.class, outcome, outcome::report);
        List<Goroutine> leaked = program.leaks(Duration.ofMillis(100));
        try {
            assertEquals(1, leaked.size());
            assertEquals(WaitReason.WAITGROUP_WAIT, leaked.getFirst().waitReason().orElseThrow());
            String report = Program.leakReport(leaked);
            String name = "dev.gokata.runtime.DiagnosticsTest"
                    + ".givenAGoroutineBlockedForever_whenMainReturns_thenTheLeakCheckNamesItsWaitAndCreationLine";
            String expected = """
                    found unexpected goroutines:
                    [Goroutine 2 in state sync.WaitGroup.Wait, with dev.gokata.runtime.WaitGroup\
                    .await on top of the stack:
                    goroutine 2 [sync.WaitGroup.Wait]:
                    dev.gokata.runtime.WaitGroup.await(...)
                    \tWaitGroup.java:%%
                    created by %s.func1 in goroutine 1
                    \tDiagnosticsTest.java:%d
                    ]""".formatted(name, line[0]);
            assertEquals(expected, report.replaceAll("WaitGroup\\.java:\\d+", "WaitGroup.java:%"), report);
        } finally {
            never.done();
        }
        assertEquals(List.of(), program.leaks(Duration.ofSeconds(10)));
        assertEquals("found unexpected goroutines:\n[]", Program.leakReport(leaked),
                "a goroutine that ended after the leak check is no leak");
    }

    @Test
    void givenGoroutinesThatFinishWithinTheGrace_whenLeakChecked_thenNoneLeaked() {
        var program = new Program();
        var release = new WaitGroup();
        release.add(1);
        Outcome outcome = program.run(() -> {
            for (int i = 0; i < 10; i++) {
                go(release::await);
            }
        }, Programs.LIMIT);
        assertInstanceOf(Outcome.Exited.class, outcome, outcome::report);
        go(release::done);
        assertEquals(List.of(), program.leaks(Duration.ofSeconds(10)));
        assertEquals("found unexpected goroutines:\n[]", Program.leakReport(List.of()));
    }

    @Test
    void givenAProgramWhoseLeftoversWaitForEver_whenAsked_thenItIsSettled() {
        var ended = new Program();
        assertInstanceOf(Outcome.Exited.class, ended.run(() -> go(() -> { }), Programs.LIMIT));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ended.numGoroutine() == 0);
        assertTrue(ended.settled(), "no goroutine left, no timer");

        var timedOut = new Program();
        assertInstanceOf(Outcome.Exited.class, timedOut.run(() -> Select.select()
                .recv(Go.after(Duration.ZERO), t -> { })
                .recv(Go.after(Duration.ofMinutes(1)), t -> { })
                .run(), Programs.LIMIT));
        assertTrue(timedOut.settled(), "a pending time.After whose channel nobody can receive from wakes nobody");

        var never = new WaitGroup();
        never.add(1);
        var leaking = new Program();
        var leaked = new AtomicReference<Goroutine>();
        assertInstanceOf(Outcome.Exited.class, leaking.run(() -> leaked.set(go(never::await)), Programs.LIMIT));
        awaitWaiting(leaked.get(), WaitReason.WAITGROUP_WAIT); // Awaitility's thread outside the program
        try {
            assertTrue(leaking.settled(), "its one goroutine waits for another, and none is left to wake it");
        } finally {
            never.done();
        }
    }

    @Test
    void givenAProgramThatLeftASleeperOrATimer_whenAsked_thenItIsNotSettledUntilTheyAreDone() {
        var sleeping = new AtomicBoolean(true);
        var sleeper = new Program();
        var leaked = new AtomicReference<Goroutine>();
        assertInstanceOf(Outcome.Exited.class, sleeper.run(() -> leaked.set(go(() -> {
            while (sleeping.get()) {
                Go.sleep(Duration.ofMillis(1));
            }
        })), Programs.LIMIT));
        awaitWaiting(leaked.get(), WaitReason.SLEEP);
        for (int i = 0; i < 100; i++) {
            assertFalse(sleeper.settled(), "a goroutine that sleeps runs again by itself, look " + i);
        }
        sleeping.set(false);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(sleeper::settled);

        var ticking = new AtomicBoolean(true);
        var timer = new AtomicReference<Timer>();
        var rearming = new Program();
        assertInstanceOf(Outcome.Exited.class, rearming.run(() -> timer.set(Go.afterFunc(Duration.ofMillis(1), () -> {
            if (ticking.get()) {
                timer.get().reset(Duration.ofMillis(1));
            }
        })), Programs.LIMIT));
        for (int i = 0; i < 100; i++) {
            assertFalse(rearming.settled(), "an afterFunc that resets its timer is pending or running, look " + i);
        }
        ticking.set(false);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(rearming::settled);
    }

    @Test
    void givenASandboxThatLeftASleeper_whenTheOuterProgramIsAsked_thenItCountsTheSandbox() {
        var sleeping = new AtomicBoolean(true);
        var leaked = new AtomicReference<Goroutine>();
        var outer = new Program();
        assertInstanceOf(Outcome.Exited.class, outer.run(() -> new Program().run(() -> leaked.set(go(() -> {
            while (sleeping.get()) {
                Go.sleep(Duration.ofMillis(1));
            }
        })), Programs.LIMIT), Programs.LIMIT));
        awaitWaiting(leaked.get(), WaitReason.SLEEP);
        try {
            assertEquals(0, outer.numGoroutine(), "the sleeper is the sandbox's goroutine, not the outer program's");
            assertEquals(List.of(leaked.get()), outer.goroutinesWithin());
            assertFalse(outer.settled(), "what runs in a sandbox of the outer program's run runs on its behalf");
        } finally {
            sleeping.set(false);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(outer::settled);
        assertEquals(List.of(), outer.goroutinesWithin());
    }

    @Test
    void givenAGoroutineThatStartedAnExecutor_whenAskedForThreadsLeft_thenItsThreadsAreListedUntilShutDown()
            throws InterruptedException {
        var elsewhere = Executors.newSingleThreadExecutor(); // started outside the program: not its thread
        elsewhere.submit(() -> { });
        var executor = new AtomicReference<ExecutorService>();
        var program = new Program();
        try {
            assertInstanceOf(Outcome.Exited.class, program.run(() -> {
                executor.set(Executors.newFixedThreadPool(2));
                executor.get().submit(() -> { }); // one task: the pool starts one thread
            }, Programs.LIMIT));
            var left = program.threadsLeft(Duration.ofMillis(50));
            assertEquals(1, left.size(), "the pool's one thread, idle but alive: " + left);
            String traceback = Program.traceback(left.getFirst());
            assertTrue(traceback.matches("(?s)thread \"pool-\\d+-thread-1\" \\[waiting\\]:\n.*"), traceback);
        } finally {
            elsewhere.shutdown();
            if (executor.get() != null) {
                executor.get().shutdown();
            }
        }
        assertEquals(List.of(), program.threadsLeft(Duration.ofSeconds(10)), "shut down, the pool's thread ends");
    }

    @Test
    void givenAGoroutineThatPanicsAfterMainReturned_whenAsked_thenThePanicIsKeptApartFromTheOutcome() {
        var release = new CountDownLatch(1);
        var program = new Program();
        assertInstanceOf(Outcome.Exited.class, program.run(() -> go(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("late");
        }), Programs.LIMIT));
        assertTrue(program.panicAfterEnd().isEmpty(), "nothing panicked yet");
        release.countDown();
        assertEquals(List.of(), program.leaks(Duration.ofSeconds(10)), "the goroutine ended, panicking");

        var late = program.panicAfterEnd().orElseThrow();
        assertTrue(late.report().startsWith("panic: java.lang.IllegalStateException: late\n\ngoroutine 2 [running]:"),
                late.report());
        assertInstanceOf(Outcome.Exited.class, program.outcome().orElseThrow(), "the run had ended: its outcome stays");
    }

    @Test
    void givenAGoroutinePanics_whenRun_thenPanicReportNamesTheGoroutineAndItsCreator() {
        int[] lines = new int[2];
        var block = new WaitGroup();
        block.add(1);
        String report;
        try {
            report = runPanicked(() -> {
                lines[0] = nextLine();
                go(() -> {
                    lines[1] = nextLine();
                    throw new GoPanic("something went wrong");
                });
                block.await();
            });
        } finally {
            block.done();
        }
        String name = "dev.gokata.runtime.DiagnosticsTest"
                + ".givenAGoroutinePanics_whenRun_thenPanicReportNamesTheGoroutineAndItsCreator";
        assertEquals("""
                panic: something went wrong

                goroutine 2 [running]:
                %s.func2(...)
                \tDiagnosticsTest.java:%d
                created by %s.func1 in goroutine 1
                \tDiagnosticsTest.java:%d
                """.formatted(name, lines[1], name, lines[0]), report);
    }

    @Test
    void givenAJavaExceptionInAGoroutine_whenRun_thenReportedAsAPanicWithTheJavaTraceOnlyForItsCause() {
        String report = runPanicked(() -> {
            throw new IllegalStateException("boom");
        });
        assertTrue(report.startsWith("panic: java.lang.IllegalStateException: boom\n\ngoroutine 1 [running]:\n"),
                report);
        assertFalse(report.contains("Java stack trace"), "the goroutine's frames say where: " + report);

        String caused = runPanicked(() -> {
            throw new IllegalStateException("boom", new java.io.IOException("disk full"));
        });
        assertTrue(caused.contains("\nJava stack trace:\njava.lang.IllegalStateException: boom"), caused);
        assertTrue(caused.contains("Caused by: java.io.IOException: disk full"), caused);
    }

    @Test
    void givenJavaRuntimeErrors_whenPanicking_thenReportedInGoWords() {
        int[] empty = new int[3];
        int zero = 0;
        assertTrue(runPanicked(() -> System.out.println(empty[5]))
                .startsWith("panic: runtime error: index out of range [5] with length 3\n\ngoroutine 1 [running]:\n"));
        assertTrue(runPanicked(() -> System.out.println(1 / zero))
                .startsWith("panic: runtime error: integer divide by zero\n\n"));
        String nil = null;
        String report = runPanicked(() -> System.out.println(nil.length()));
        assertTrue(report.startsWith("panic: runtime error: invalid memory address or nil pointer dereference\n"
                + "[java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"nil\" is null]\n"),
                report);
        assertTrue(report.contains("]\n\ngoroutine 1 [running]:\n"), report);
        assertFalse(report.contains("Java stack trace"), "the goroutine's frames say where, as Go's: " + report);
    }

    @Test
    void givenARunningGoroutine_whenTimedOut_thenTheDumpShowsIt() {
        var stop = new WaitGroup();
        stop.add(1);
        try {
            Outcome o = new Program().run(() -> {
                Goroutine g = go(stop::await);
                awaitWaiting(g, WaitReason.WAITGROUP_WAIT);
                Go.sleep(Duration.ofSeconds(30));
            }, Duration.ofMillis(500));
            assertInstanceOf(Outcome.TimedOut.class, o, o::report);
            assertTrue(o.report().startsWith("panic: test timed out after 500ms\n\ngoroutine 1 [sleep]:\n"
                    + "dev.gokata.runtime.Go.sleep(...)\n"), o.report());
            assertTrue(o.report().contains("\n\ngoroutine 2 [sync.WaitGroup.Wait]:\n"), o.report());
        } finally {
            stop.done();
        }
    }

    @Test
    void givenMainWaitingOnAThreadThatIsNoGoroutine_whenTimedOut_thenTheReportSaysWhyNoDeadlockWasReported()
            throws InterruptedException {
        var release = new CountDownLatch(1);
        String report = reportOfRunWaitingOn(release, ch -> Thread.ofPlatform().name("sender").start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ch.send(1); // to main, left waiting by the timed-out run
        }));
        assertTrue(report.contains("\ngoroutine 1 [chan receive]:\n"), report);
        assertTrue(report.contains("\nevery goroutine is blocked, but no deadlock was reported: these threads"
                + " are not goroutines, and may still wake one\n\nthread \"sender\" [waiting]:\n"
                + DiagnosticsTest.class.getName() + ".givenMainWaitingOnAThreadThatIsNoGoroutine_whenTimedOut_"
                + "thenTheReportSaysWhyNoDeadlockWasReported.func"), report);
    }

    @Test
    void givenMainWaitingOnAVirtualThreadThatIsNoGoroutine_whenTimedOut_thenTheReportSaysWhyNoDeadlockWasReported()
            throws InterruptedException {
        var release = new CountDownLatch(1);
        // on main's pool, the runtime's: it computes
        String report = reportOfRunWaitingOn(release, ch -> Thread.ofVirtual().start(() -> {
            while (release.getCount() > 0) {
                Thread.onSpinWait();
            }
            ch.send(1); // to main, left waiting by the timed-out run
        }));
        assertTrue(report.contains("\nevery goroutine is blocked, but no deadlock was reported: virtual threads"
                + " that are not goroutines (started with Thread.ofVirtual(), say) run or sleep on the goroutines'"
                + " carriers, and may still wake one\n"), report);
    }

    /**
     * The report of a run that timed out after 300 ms while its main waited to receive from a thread that {@code
     * start} started, one that sends once {@code release} is counted down; the thread is released and joined after.
     */
    private static String reportOfRunWaitingOn(CountDownLatch release, Function<Chan<Integer>, Thread> start)
            throws InterruptedException {
        var sender = new AtomicReference<Thread>();
        try {
            Outcome o = new Program().run(() -> {
                Chan<Integer> ch = Chan.make();
                sender.set(start.apply(ch));
                ch.recv();
            }, Duration.ofMillis(300));
            assertInstanceOf(Outcome.TimedOut.class, o, o::report);
            return o.report();
        } finally {
            release.countDown();
            if (sender.get() != null) {
                sender.get().join();
            }
        }
    }

    @Test
    void givenTheRuntimeCallsTheUsersMain_whenFramesAreShown_thenTheRuntimesFramesBelowItAreDropped() {
        var gorun = new StackTraceElement[] {frame("dev.gokata.runtime.WaitGroup", "await"), frame("join.Join", "main"),
            frame("java.lang.reflect.Method", "invoke"), frame("dev.gokata.runtime.GoRun", "invoke"),
            frame("dev.gokata.runtime.GoRun", "lambda$main$1"), frame("dev.gokata.runtime.Goroutine", "run")};
        assertEquals(List.of(gorun[0], gorun[1]), Traceback.userFrames(gorun));
        var runtimesOwn = new StackTraceElement[] {frame("dev.gokata.runtime.WaitGroup", "done"),
            frame("dev.gokata.runtime.Goroutine", "run")};
        assertEquals(List.of(runtimesOwn[0]), Traceback.userFrames(runtimesOwn), "go(wg::done) shows WaitGroup.done");
        var builtIns = new StackTraceElement[] {frame("dev.gokata.runtime.Chan$1", "hasNext"),
            frame("join.Join", "main"), frame("dev.gokata.runtime.Select", "run"), frame("join.Join", "loop")};
        assertEquals(List.of(builtIns[1], builtIns[3]), Traceback.userFrames(builtIns), "no frame for range or select");
    }

    private static StackTraceElement frame(String className, String method) {
        String file = className.substring(className.lastIndexOf('.') + 1) + ".java";
        return new StackTraceElement(className, method, file, 7);
    }

    @Test
    void givenLambdaFrames_whenNamed_thenTheyReadAsGoClosures() {
        assertEquals("a.B.main.func1", FuncName.of(new StackTraceElement("a.B", "lambda$main$0", "B.java", 3)));
        assertEquals("a.B.main", FuncName.of(new StackTraceElement("a.B", "main", "B.java", 3)));
        assertEquals("a.B.lambda$x", FuncName.of(new StackTraceElement("a.B", "lambda$x", "B.java", 3)));
        assertEquals("a.B.lambda$", FuncName.of("a.B", "lambda$"));
    }

    @Test
    void givenNestedClassFrames_whenNamed_thenTheyReadAsJavaWritesThem() {
        assertEquals("once.LoaderTest.Counted.load", FuncName.of("once.LoaderTest$Counted", "load"));
        assertEquals("a.B.C.D.run.func2", FuncName.of("a.B$C$D", "lambda$run$1"));
        assertEquals("a.B$1.run", FuncName.of("a.B$1", "run"), "an anonymous class keeps its number");
        assertEquals("a.B$.run", FuncName.of("a.B$", "run"));
    }
}

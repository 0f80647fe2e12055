package dev.gokata.runtime;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Programs.awaitWaiting;
import static dev.gokata.runtime.Programs.runDeadlocked;
import static dev.gokata.runtime.Programs.runOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ContextTest {
    private record UserIdKey() {
    }

    private static final UserIdKey USER_ID = new UserIdKey();

    @Test
    void givenBackground_thenNeverDoneNoDeadlineNoValues() {
        for (Context c : List.of(Context.background(), Context.todo())) {
            assertTrue(c.err().isEmpty());
            assertTrue(c.deadline().isEmpty());
            assertTrue(c.value("anything").isEmpty());
            assertTrue(((Chan<?>) c.done()).isNil());
        }
        assertEquals("context.Background", Context.background().toString());
        assertEquals("context.TODO", Context.todo().toString());
    }

    @Test
    void givenBackground_whenReceivingOnDone_thenBlocksForever() {
        String report = runDeadlocked(() -> Context.background().done().recv());
        assertTrue(report.contains("goroutine 1 [chan receive (nil chan)]:"), report);
    }

    @Test
    void givenWithCancel_whenCancelled_thenDoneIsClosedAndErrIsCanceled() {
        runOk(() -> {
            CancelableContext ctx = Context.withCancel(Context.background());
            assertTrue(ctx.err().isEmpty());
            Goroutine waiter = go(() -> {
                Received<Void> r = ctx.done().recvOk();
                assertFalse(r.ok());
            });
            awaitWaiting(waiter, WaitReason.CHAN_RECEIVE);
            ctx.cancel();
            assertEquals(Optional.of(ContextError.CANCELED), ctx.err());
            assertEquals("context canceled", ctx.err().orElseThrow().getMessage());
            assertFalse(ctx.done().recvOk().ok());
        });
    }

    @Test
    void givenACancelledContext_whenCancelledAgain_thenNothingHappens() {
        runOk(() -> {
            CancelableContext ctx = Context.withCancel(Context.background());
            ctx.cancel();
            ctx.cancel();
            assertSame(ContextError.CANCELED, ctx.err().orElseThrow());
        });
    }

    @Test
    void givenATreeOfContexts_whenTheParentIsCancelled_thenEveryDescendantIsButNotTheParentsParent() {
        runOk(() -> {
            CancelableContext root = Context.withCancel(Context.background());
            CancelableContext parent = Context.withCancel(root);
            Context valued = Context.withValue(parent, USER_ID, "jane");
            CancelableContext child = Context.withCancel(valued);
            CancelableContext grandchild = Context.withTimeout(child, Duration.ofHours(1));
            parent.cancel();
            for (Context c : List.of(parent, valued, child, grandchild)) {
                assertSame(ContextError.CANCELED, c.err().orElseThrow(), c::toString);
                assertFalse(c.done().recvOk().ok());
            }
            assertTrue(root.err().isEmpty());
            root.cancel();
        });
    }

    @Test
    void givenACancelledParent_whenDerivingAChild_thenTheChildIsCancelledAtOnce() {
        runOk(() -> {
            CancelableContext parent = Context.withCancel(Context.background());
            parent.cancel();
            CancelableContext child = Context.withCancel(parent);
            assertSame(ContextError.CANCELED, child.err().orElseThrow());
        });
    }

    @Test
    void givenAChild_whenTheChildIsCancelled_thenTheParentIsNot() {
        runOk(() -> {
            CancelableContext parent = Context.withCancel(Context.background());
            CancelableContext child = Context.withCancel(parent);
            child.cancel();
            assertTrue(parent.err().isEmpty());
            parent.cancel();
        });
    }

    @Test
    void givenAShortTimeout_whenItPasses_thenDoneClosesWithDeadlineExceeded() {
        runOk(() -> {
            long start = System.nanoTime();
            CancelableContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(50));
            CancelableContext child = Context.withCancel(ctx);
            assertTrue(ctx.deadline().isPresent());
            assertEquals(ctx.deadline(), child.deadline());
            assertFalse(ctx.done().recvOk().ok());
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs >= 45, elapsedMs + " ms");
            assertSame(ContextError.DEADLINE_EXCEEDED, ctx.err().orElseThrow());
            assertEquals("context deadline exceeded", ctx.err().orElseThrow().getMessage());
            assertFalse(child.done().recvOk().ok());
            assertSame(ContextError.DEADLINE_EXCEEDED, child.err().orElseThrow());
            ctx.cancel();
            assertSame(ContextError.DEADLINE_EXCEEDED, ctx.err().orElseThrow());
        });
    }

    @Test
    void givenADeadlineInThePast_whenCreated_thenAlreadyExceeded() {
        runOk(() -> {
            CancelableContext ctx = Context.withDeadline(Context.background(), Instant.now().minusSeconds(1));
            assertSame(ContextError.DEADLINE_EXCEEDED, ctx.err().orElseThrow());
        });
    }

    @Test
    void givenAParentWithAnEarlierDeadline_whenDerivingALaterOne_thenTheParentsDeadlineWins() {
        runOk(() -> {
            Instant soon = Instant.now().plusSeconds(60);
            CancelableContext parent = Context.withDeadline(Context.background(), soon);
            CancelableContext child = Context.withDeadline(parent, soon.plusSeconds(60));
            assertEquals(Optional.of(soon), child.deadline());
            assertEquals(Optional.of(soon), Context.withTimeout(parent, Duration.ofHours(1)).deadline());
            parent.cancel();
            assertSame(ContextError.CANCELED, child.err().orElseThrow());
        });
    }

    @Test
    void givenATimeoutCancelledEarly_whenMainThenBlocks_thenNoTimerKeepsTheDeadlockDetectorQuiet() {
        // A stopped timer no longer counts as pending: the program deadlocks at once instead of timing out.
        String report = runDeadlocked(() -> {
            CancelableContext ctx = Context.withTimeout(Context.background(), Duration.ofHours(1));
            CancelableContext child = Context.withTimeout(ctx, Duration.ofMinutes(30));
            ctx.cancel();
            assertSame(ContextError.CANCELED, child.err().orElseThrow());
            var never = new WaitGroup();
            never.add(1);
            never.await();
        });
        assertTrue(report.contains("goroutine 1 [sync.WaitGroup.Wait]:"), report);
    }

    @Test
    void givenAFiredDeadline_whenTheProgramEnds_thenNoGoroutineIsLeftBehind() {
        var program = new Program();
        var outcome = program.run(() -> {
            CancelableContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(10));
            ctx.done().recv();
            CancelableContext early = Context.withTimeout(Context.background(), Duration.ofMinutes(5));
            early.cancel();
            CancelableContext plain = Context.withCancel(ctx);
            plain.cancel();
        }, Programs.LIMIT);
        assertTrue(outcome instanceof Outcome.Exited, outcome::report);
        assertEquals(List.of(), program.leaks(Duration.ofSeconds(5)));
    }

    @Test
    void givenWithValue_whenLookingUp_thenFoundThroughAncestorsWithKeyHygiene() {
        runOk(() -> {
            CancelableContext base = Context.withCancel(Context.background());
            Context vctx = Context.withValue(base, USER_ID, "jane");
            Context derived = Context.withCancel(Context.withValue(vctx, "other", 42));
            assertEquals(Optional.of("jane"), vctx.value(USER_ID));
            assertEquals(Optional.of("jane"), derived.value(USER_ID));
            assertEquals(Optional.of(42), derived.value("other"));
            assertEquals(Optional.empty(), vctx.value("userIDKey"));
            assertEquals(Optional.empty(), vctx.value("other"));
            assertEquals(Optional.empty(), base.value(USER_ID));
            Context shadow = Context.withValue(vctx, USER_ID, "joe");
            assertEquals(Optional.of("joe"), shadow.value(USER_ID));
            assertEquals(Optional.of("jane"), vctx.value(USER_ID));
            base.cancel();
            assertSame(ContextError.CANCELED, vctx.err().orElseThrow());
        });
    }

    @Test
    void givenNilArguments_thenGoPanics() {
        assertEquals("nil key", assertThrows(GoPanic.class,
                () -> Context.withValue(Context.background(), null, 1)).getMessage());
        assertEquals("cannot create context from nil parent", assertThrows(GoPanic.class,
                () -> Context.withCancel(null)).getMessage());
        assertEquals("cannot create context from nil parent", assertThrows(GoPanic.class,
                () -> Context.withValue(null, USER_ID, 1)).getMessage());
    }

    @Test
    void givenAForeignParentImplementation_whenItIsDone_thenTheChildIsCancelledAndItsWatcherEnds() {
        var program = new Program();
        var outcome = program.run(() -> {
            CancelableContext real = Context.withCancel(Context.background());
            Context foreign = new Context() {
                public RecvChan<Void> done() {
                    return real.done();
                }

                public Optional<ContextError> err() {
                    return real.err();
                }

                public Optional<Instant> deadline() {
                    return Optional.empty();
                }

                public Optional<Object> value(Object key) {
                    return Optional.empty();
                }
            };
            CancelableContext child = Context.withCancel(foreign);
            real.cancel();
            assertFalse(child.done().recvOk().ok());
            assertSame(ContextError.CANCELED, child.err().orElseThrow());
        }, Programs.LIMIT);
        assertTrue(outcome instanceof Outcome.Exited, outcome::report);
        assertEquals(List.of(), program.leaks(Duration.ofSeconds(5)));
    }

    @Test
    void givenAGenerator_whenTheConsumerCancelsAfterFive_thenTheProducerStops() {
        var program = new Program();
        var outcome = program.run(() -> {
            CancelableContext ctx = Context.withCancel(Context.background());
            Chan<Integer> dst = Chan.make();
            go(() -> {
                int n = 1;
                boolean[] stop = {false};
                while (!stop[0]) {
                    int v = n;
                    Select.select()
                            .recv(ctx.done(), x -> stop[0] = true)
                            .send(dst, v, () -> {
                            })
                            .run();
                    n++;
                }
                dst.close();
            });
            int extra = 0;
            for (int v : dst) {
                if (v == 5) {
                    ctx.cancel();
                    ctx.cancel();
                } else if (v > 5) {
                    extra++;
                }
            }
            // Once done is closed, a select whose send can also proceed picks either case with probability 1/2,
            // so the producer may send a few more values: more than 30 happens once in 2^30 runs.
            assertTrue(extra <= 30, extra + " values after cancel");
            assertNull(dst.recv());
        }, Programs.LIMIT);
        assertTrue(outcome instanceof Outcome.Exited, outcome::report);
        assertEquals(List.of(), program.leaks(Duration.ofSeconds(5)));
    }
}

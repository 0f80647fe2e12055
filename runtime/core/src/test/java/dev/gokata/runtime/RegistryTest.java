package dev.gokata.runtime;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Programs.awaitWaiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The program's registry of goroutines is pruned lazily, every thousand or more starts, and before every listing:
 * whatever came and went, the list, the count and the leak check see exactly the goroutines alive.
 */
@Timeout(60)
class RegistryTest {
    private static final int CHURN = 5_000;

    @Test
    void givenThousandsOfGoroutinesThatCameAndWent_whenListed_thenOnlyTheLiveOnesAreSeen() {
        var program = new Program();
        Outcome o = program.run(() -> {
            Chan<Integer> never = Chan.make(0);
            var blocked = new ArrayList<Goroutine>();
            blocked.add(go(never::recv));
            churn();
            blocked.add(go(never::recv));
            churn();
            blocked.add(go(never::recv));
            for (Goroutine g : blocked) {
                awaitWaiting(g, WaitReason.CHAN_RECEIVE);
            }
            Program p = Program.current();
            assertEquals(program, p);
            // The churn's goroutines call done before they exit: wait until the last has left.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> p.numGoroutine() == 4);
            List<Long> expected = List.of(1L, blocked.get(0).id(), blocked.get(1).id(), blocked.get(2).id());
            assertEquals(expected, p.goroutines().stream().map(Goroutine::id).toList());
            assertEquals(4, p.dump().split("\n\n").length, p.dump());

            never.close();
            churn();
        }, Programs.LIMIT);
        assertInstanceOf(Outcome.Exited.class, o, o::report);
        assertEquals(List.of(), program.leaks(Duration.ofSeconds(10)));
        // An exit leaves the registry, then the count: the count may trail the list by a moment.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> program.numGoroutine() == 0);
    }

    @Test
    void theNewestGoroutineCountsAsQueuedFromItsRegistrationUntilItBegins() {
        var registry = new Registry();
        assertFalse(registry.newestNotBegun(), "no goroutine yet");
        var g = new Goroutine(null, 2, 1, null, false);
        registry.add(g);
        assertTrue(registry.newestNotBegun(), "registered, its thread not yet run");
        Registry.remove(g);
        assertFalse(registry.newestNotBegun(), "gone");

        Outcome o = new Program().run(() -> {
            Chan<Integer> ch = Chan.make(0);
            go(() -> ch.send(1));
            ch.recv(); // the goroutine has begun: it sent
            assertFalse(Program.current().newGoroutinesQueued());
        }, Programs.LIMIT);
        assertInstanceOf(Outcome.Exited.class, o, o::report);
    }

    @Test
    void givenACrowdOfGoroutinesThatAllLeft_whenListed_thenTheirBlocksAreGoneBeforeTheNextStart() {
        var registry = new Registry();
        var crowd = new ArrayList<Goroutine>();
        for (int i = 0; i < 100 * 64; i++) {
            var g = new Goroutine(null, i + 1, 1, null, false);
            registry.add(g);
            crowd.add(g);
        }
        crowd.forEach(Registry::remove);
        assertTrue(registry.blocks() >= 100, "the blocks of a crowd that was alive at once stay linked after it left");

        assertEquals(List.of(), registry.list());
        assertEquals(1, registry.blocks(), "only the head block is left to walk");
    }

    private static void churn() {
        var wg = new WaitGroup();
        wg.add(CHURN);
        for (int i = 0; i < CHURN; i++) {
            go(wg::done);
        }
        wg.await();
    }
}

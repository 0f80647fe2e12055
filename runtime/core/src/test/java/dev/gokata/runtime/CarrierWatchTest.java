package dev.gokata.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gokata.runtime.CarrierWatch.Seen;
import org.junit.jupiter.api.Test;

/** Sysmon's view of a carrier: a goroutine that feeds the run queues is left to go on; one that computes is not. */
class CarrierWatchTest {
    private final CarrierWatch watch = new CarrierWatch();
    private long runs;
    private long readied;

    @Test
    void givenACarrierThatRanAnotherGoroutine_whenLooked_thenItSwitched() {
        runs = 5;
        assertEquals(Seen.SWITCHED, look(true));
        runs++;
        assertEquals(Seen.SWITCHED, look(false));
    }

    @Test
    void givenACarrierThatRanNothing_whenLooked_thenItIsIdle() {
        assertEquals(Seen.IDLE, look(false));
    }

    @Test
    void givenAGoroutineThatNeitherBlocksNorReadiesOthers_whenLooked_thenItComputes() {
        assertEquals(Seen.COMPUTING, lookWhileFeeding(CarrierWatch.FED_LOOKS, false));
        assertEquals(Seen.COMPUTING, look(true));
    }

    @Test
    void givenAGoroutineThatStartsOrWakesOthers_whenLookedAgainAndAgain_thenItFeedsUpToTheLimit() {
        assertEquals(Seen.FEEDING, lookWhileFeeding(CarrierWatch.FEEDING_LOOKS - 1, true));
        readied++;
        assertEquals(Seen.COMPUTING, look(true), "no goroutine may hold up what it readied for longer");
    }

    @Test
    void givenAFeedingGoroutineThatPauses_whenThePauseIsShort_thenItStillFeeds() {
        readied++;
        assertEquals(Seen.FEEDING, look(true));
        assertEquals(Seen.FEEDING, lookWhileFeeding(CarrierWatch.FED_LOOKS - 1, false), "a GC or a JIT pause");
        assertEquals(Seen.COMPUTING, look(true));
    }

    @Test
    void givenACarrierThatSwitched_whenItsNextGoroutineFeeds_thenTheLimitStartsAgain() {
        lookWhileFeeding(CarrierWatch.FEEDING_LOOKS, true);
        runs++;
        readied++;
        assertEquals(Seen.SWITCHED, look(true));
        assertEquals(Seen.FEEDING, lookWhileFeeding(CarrierWatch.FEEDING_LOOKS - 1, true));
    }

    /** {@code n} looks at one running goroutine, which readies another between looks if {@code feeds}. */
    private Seen lookWhileFeeding(int n, boolean feeds) {
        Seen seen = null;
        for (int i = 0; i < n; i++) {
            if (feeds) {
                readied++;
            }
            seen = look(true);
        }
        return seen;
    }

    private Seen look(boolean running) {
        return watch.look(runs, readied, running);
    }
}

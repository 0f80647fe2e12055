package dev.gokata.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The adaptive spin before parking: full budget while spinning pays, then exponentially rarer probes. */
class SpinningTest {
    // each test starts from a spin that paid: the test thread's goroutine keeps its history between tests

    @Test
    void aNewGoroutineParksAtOnceUntilItsFirstProbe() throws InterruptedException {
        var spins = new ArrayList<Integer>();
        Thread.ofVirtual().start(() -> {
            Goroutine g = Goroutine.current();
            for (int wait = 1; wait <= Spinning.FIRST_PROBE; wait++) {
                spins.add(g.spinsBeforePark());
            }
        }).join();
        assertEquals(Spinning.MAX_SPINS, spins.getLast());
        assertEquals(List.of(0), spins.subList(0, spins.size() - 1).stream().distinct().toList());
    }

    @Test
    void spinsWhileSpinningPays() {
        Goroutine g = Goroutine.current();
        g.spinPaid(true);
        for (int i = 0; i < 5; i++) {
            assertEquals(Spinning.MAX_SPINS, g.spinsBeforePark());
            g.spinPaid(true);
        }
    }

    @Test
    void afterAFailedSpinProbesAgainAfterTwoFourEightWaits() {
        Goroutine g = Goroutine.current();
        g.spinPaid(true);
        g.spinPaid(false); // the spin of the last wait ended without a wake-up
        List<Integer> probesAt = new ArrayList<>();
        for (int wait = 1; wait <= 14; wait++) {
            int spins = g.spinsBeforePark();
            if (spins > 0) {
                probesAt.add(wait);
                g.spinPaid(false); // the probe fails too
            }
        }
        assertEquals(List.of(2, 6, 14), probesAt);
    }

    @Test
    void aProbeThatPaysRestoresTheFullBudget() {
        Goroutine g = Goroutine.current();
        g.spinPaid(true);
        g.spinPaid(false);
        assertEquals(0, g.spinsBeforePark());
        assertEquals(Spinning.MAX_SPINS, g.spinsBeforePark());
        g.spinPaid(true);
        assertEquals(Spinning.MAX_SPINS, g.spinsBeforePark());
        assertEquals(Spinning.MAX_SPINS, g.spinsBeforePark());
    }

    @Test
    void probesAreNeverRarerThanTheLongestGap() {
        Goroutine g = Goroutine.current();
        int longestRunWithoutSpin = 0;
        int run = 0;
        g.spinPaid(true);
        g.spinPaid(false);
        for (int wait = 0; wait < 10 * Spinning.MAX_PROBE_GAP; wait++) {
            if (g.spinsBeforePark() > 0) {
                g.spinPaid(false);
                run = 0;
            } else {
                longestRunWithoutSpin = Math.max(longestRunWithoutSpin, ++run);
            }
        }
        assertEquals(Spinning.MAX_PROBE_GAP - 1, longestRunWithoutSpin);
    }
}

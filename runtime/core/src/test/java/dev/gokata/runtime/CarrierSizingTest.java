package dev.gokata.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Sysmon's sizing policy, tick by tick: one carrier while goroutines talk, every carrier once work waits. */
class CarrierSizingTest {
    private final CarrierSizing sizing = new CarrierSizing(4);

    @Test
    void givenCalmTicks_whenTheShrinkPeriodPasses_thenOneCarrierRemains() {
        assertEquals(CarrierSizing.SHRINK_TICKS, calmTicksToShrink());
    }

    @Test
    void givenTwoCarriersComputing_whenTicksPass_thenThePoolKeepsEveryCarrier() {
        assertEquals(4, ticks(10 * CarrierSizing.SHRINK_TICKS, false, 2));
    }

    @Test
    void givenOneCarrier_whenWorkWaitsOneTick_thenItIsNotEnoughToGrow() {
        calmTicksToShrink();
        assertEquals(1, sizing.tick(true, 1), "one tick may be a GC pause");
        assertEquals(1, sizing.tick(false, 1));
        assertEquals(1, sizing.tick(true, 1));
        assertEquals(4, sizing.tick(true, 1));
    }

    @Test
    void givenAPoolThatGrewSoonAfterShrinking_whenCalmAgain_thenItWaitsTwiceAsLongToShrink() {
        assertEquals(CarrierSizing.SHRINK_TICKS, calmTicksToShrink());
        grow();
        assertEquals(2 * CarrierSizing.SHRINK_TICKS, calmTicksToShrink());
        grow();
        assertEquals(4 * CarrierSizing.SHRINK_TICKS, calmTicksToShrink());
    }

    @Test
    void givenRepeatedQuickRegrowth_whenCalm_thenTheWaitIsCapped() {
        for (int i = 0; i < 20; i++) {
            calmTicksToShrink();
            grow();
        }
        assertEquals(CarrierSizing.MAX_SHRINK_TICKS, calmTicksToShrink());
    }

    @Test
    void givenOneCarrierThatSettled_whenItGrowsAndCalmsAgain_thenTheShortWaitIsBack() {
        calmTicksToShrink();
        grow();
        calmTicksToShrink();
        assertEquals(1, ticks(CarrierSizing.SETTLED_TICKS, false, 0));
        grow();
        assertEquals(CarrierSizing.SHRINK_TICKS, calmTicksToShrink());
    }

    @Test
    void givenOneCarrier_whenReset_thenEveryCarrierRunsAgain() {
        calmTicksToShrink();
        sizing.reset();
        assertEquals(4, sizing.carriers());
    }

    @Test
    void givenALongerWaitAfterQuickRegrowth_whenReset_thenTheFirstWaitIsBack() {
        calmTicksToShrink();
        grow();
        sizing.reset();
        assertEquals(CarrierSizing.SHRINK_TICKS, calmTicksToShrink());
    }

    /** Calm ticks until the pool shrinks to one carrier: how many it took. */
    private int calmTicksToShrink() {
        for (int n = 1; n <= 10 * CarrierSizing.MAX_SHRINK_TICKS; n++) {
            if (sizing.tick(false, 1) == 1) {
                return n;
            }
        }
        throw new AssertionError("never shrank");
    }

    /** Work waits at once after the shrink: the pool grows back. */
    private void grow() {
        assertEquals(4, ticks(CarrierSizing.GROW_TICKS, true, 1));
    }

    private int ticks(int n, boolean starving, int computing) {
        int carriers = sizing.carriers();
        for (int i = 0; i < n; i++) {
            carriers = sizing.tick(starving, computing);
        }
        return carriers;
    }
}

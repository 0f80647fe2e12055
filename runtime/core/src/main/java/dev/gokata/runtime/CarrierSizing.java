package dev.gokata.runtime;

/**
 * Sysmon's verdict, tick by tick, on how many carriers should run goroutines: all of them, or one. Only arithmetic
 * on what sysmon saw, so that the policy can be read and tested apart from the threads (see {@link Sysmon}).
 *
 * <ul>
 *   <li>Grow to every carrier after {@value #GROW_TICKS} ticks in a row in which work was held up by a goroutine
 *       that computed the whole tick ({@link CarrierWatch}; one such tick may be a GC pause, which stops the
 *       carriers too).</li>
 *   <li>Shrink to one after a run of ticks in which no two carriers each ran one goroutine the whole tick (no
 *       parallel computing): {@value #SHRINK_TICKS} ticks, doubled each time the pool had to grow again sooner
 *       than that after shrinking, up to {@value #MAX_SHRINK_TICKS}; back to {@value #SHRINK_TICKS} once one carrier
 *       has done for {@value #SETTLED_TICKS} ticks.</li>
 * </ul>
 */
final class CarrierSizing {
    static final int GROW_TICKS = 2;
    static final int SHRINK_TICKS = 50;
    static final int MAX_SHRINK_TICKS = 3200;
    static final int SETTLED_TICKS = 1000;

    private final int max;
    private int carriers;
    private int heldUpTicks;
    private int calmTicks;
    private int ticksAtOne;
    private int shrinkAfter = SHRINK_TICKS;

    /** Starts at {@code max} carriers, the pool's full size. */
    CarrierSizing(int max) {
        this.max = max;
        this.carriers = max;
    }

    /**
     * The number of carriers after a tick in which work was {@code heldUp} or not, and {@code computing} carriers
     * each ran one goroutine the whole tick.
     */
    int tick(boolean heldUp, int computing) {
        heldUpTicks = heldUp ? heldUpTicks + 1 : 0;
        calmTicks = computing > 1 ? 0 : calmTicks + 1;
        if (carriers == 1) {
            ticksAtOne++;
            if (heldUpTicks >= GROW_TICKS) {
                if (ticksAtOne < shrinkAfter) { // shrunk too soon: wait longer next time
                    shrinkAfter = Math.min(2 * shrinkAfter, MAX_SHRINK_TICKS);
                }
                carriers = max;
                calmTicks = 0;
            } else if (ticksAtOne >= SETTLED_TICKS) {
                shrinkAfter = SHRINK_TICKS;
            }
        } else if (calmTicks >= shrinkAfter) {
            carriers = 1;
            ticksAtOne = 0;
        }
        return carriers;
    }

    /** The number of carriers as the last tick left it. */
    int carriers() {
        return carriers;
    }

    /** Back to every carrier and the first shrink period, as at the start (sysmon stops watching an idle program). */
    void reset() {
        carriers = max;
        shrinkAfter = SHRINK_TICKS;
        heldUpTicks = 0;
        calmTicks = 0;
    }
}

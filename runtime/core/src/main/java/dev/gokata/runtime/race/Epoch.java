package dev.gokata.runtime.race;

/**
 * FastTrack's epoch {@code c@t}: a thread slot and that thread's clock, packed in a long (slot in the high 32 bits).
 * Zero is "no access yet": slot 0 is never given to a thread.
 */
final class Epoch {
    static final long NONE = 0;

    private Epoch() {
    }

    static long of(int tid, int clock) {
        return ((long) tid << 32) | (clock & 0xffff_ffffL);
    }

    static int tid(long epoch) {
        return (int) (epoch >>> 32);
    }

    static int clock(long epoch) {
        return (int) epoch;
    }
}

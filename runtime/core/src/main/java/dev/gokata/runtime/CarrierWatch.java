package dev.gokata.runtime;

/**
 * Sysmon's view of one carrier from one look to the next: whether it switched goroutines, and if not, whether the
 * goroutine it runs feeds the run queues or computes. Only arithmetic on the carrier's counts, so that the rule can
 * be read and tested apart from the threads.
 *
 * <p>A goroutine feeds the queues when it starts goroutines in a burst of {@code go} statements, or wakes them one
 * after another (a receiver taking the values of parked senders), with no more than {@value #FED_LOOKS} looks
 * between two of them (a JIT compilation or a GC may pause it), for up to {@value #FEEDING_LOOKS} looks. What it
 * readies waits for it, as what a goroutine readies waits on its P in Go: running those on a second carrier
 * meanwhile makes each cross between the cores, and 100 000 senders with their receiver took twice as long so
 * (docs/benchmarks.md). Work that waits behind a goroutine that computes is what a second carrier is for.
 */
final class CarrierWatch {
    /** The looks for which one goroutine may feed the queues while what it readied waits. */
    static final int FEEDING_LOOKS = 100;
    /** The looks after its last start or wake-up for which a goroutine still counts as feeding the queues. */
    static final int FED_LOOKS = 10;

    /** What a carrier did between two looks. */
    enum Seen {
        /** It ran another goroutine: it makes progress through its queue. */
        SWITCHED,
        /** It ran nothing. */
        IDLE,
        /** It ran one goroutine, which feeds the queues. */
        FEEDING,
        /** It ran one goroutine, which neither blocked nor fed the queues: it computes. */
        COMPUTING
    }

    private long runsSeen;
    private long readiedSeen;
    private int sameRunLooks;
    private int looksSinceReadied;

    /**
     * What the carrier did since the last look, from its counts now: goroutines it has run, goroutines they
     * started or woke, and whether one runs now.
     */
    Seen look(long runs, long readied, boolean running) {
        boolean sameRun = runs == runsSeen;
        sameRunLooks = sameRun ? sameRunLooks + 1 : 0;
        looksSinceReadied = readied != readiedSeen ? 0 : looksSinceReadied + 1;
        runsSeen = runs;
        readiedSeen = readied;
        if (!sameRun) {
            return Seen.SWITCHED;
        } else if (!running) {
            return Seen.IDLE;
        }
        return looksSinceReadied < FED_LOOKS && sameRunLooks < FEEDING_LOOKS ? Seen.FEEDING : Seen.COMPUTING;
    }
}

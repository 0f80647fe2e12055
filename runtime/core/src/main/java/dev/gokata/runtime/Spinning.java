package dev.gokata.runtime;

/**
 * The constants of the adaptive spin before parking ({@link Waiter}, {@link Goroutine#spinsBeforePark()}), done
 * only for a rendezvous: a wait on an unbuffered channel, or a select whose channels are all unbuffered.
 *
 * <p>Why spin at all: waking a parked virtual thread submits it to the scheduler and, on an idle machine, wakes a
 * sleeping carrier (a futex wake and an inter-processor interrupt: microseconds), while the partner of a hand-off
 * usually answers within a few hundred nanoseconds if it is running on the other core. Why adaptively: when the
 * partner is not running (more goroutines than cores, or the machine is busy with other processes), every spin is
 * burnt CPU that the partner may need. So each goroutine spins only while spinning has been paying: a new goroutine
 * first tries at its {@code FIRST_PROBE}-th wait (programs with thousands of short-lived goroutines never pay for
 * learning), after a spin that ended without a wake-up it parks at once, and tries a spin again only after
 * twice as many waits as the last time, up to {@code MAX_PROBE_GAP}; a spin that pays restores the full budget.
 * One spin-wait ({@code Thread.onSpinWait}, x86 PAUSE) costs about 27 ns on the course's machine, so
 * {@code MAX_SPINS} = 128 is about 3.5 µs. While sysmon runs the pool on one carrier, nobody spins: the partner
 * cannot run until the waiter parks, and a probe every {@code MAX_PROBE_GAP} waits cost 3-5% of a rendezvous
 * workload's time there (docs/benchmarks.md, "late night 3").
 */
final class Spinning {
    /** Spin-waits before parking while spinning pays; property {@code gokata.spins}, 0 on a one-CPU machine. */
    static final int MAX_SPINS = Runtime.getRuntime().availableProcessors() > 1
            ? Integer.getInteger("gokata.spins", 128) : 0;
    /** The wait at which a new goroutine first tries a spin. */
    static final int FIRST_PROBE = 16;
    /** The longest run of waits that park at once before spinning is tried again. */
    static final int MAX_PROBE_GAP = 256;

    private Spinning() {
    }
}

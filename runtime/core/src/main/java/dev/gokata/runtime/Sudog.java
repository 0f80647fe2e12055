package dev.gokata.runtime;

/**
 * One goroutine waiting on one channel, Go's {@code sudog}: it sits in a channel's {@code sendq} or {@code recvq}
 * and carries the value being handed over, so the waker can copy it directly into or out of the waiter.
 *
 * <p>Guards: {@code elem}, {@code success}, {@code clock}, {@code next} and {@code prev} are guarded by the lock of
 * the channel {@code c} while the sudog is queued; once a waker has dequeued it (and, for a select, won
 * {@link SelectGate#claim}), the waker alone owns it until it sets {@code done}; after {@code done} the waiting
 * goroutine owns it again (the volatile write/read of {@code done} publishes the waker's writes).
 */
final class Sudog extends Waiter {
    final Goroutine g;
    final Thread thread;
    /** The channel this sudog waits on (for select: one sudog per case). */
    final Chan<?> c;
    /** For a select: the CAS-once cell shared by all sudogs of that select, Go's {@code g.selectDone}; else null. */
    final SelectGate gate;
    /** For a select: the index of the case this sudog stands for. */
    final int caseIndex;

    /** The value to send, or the value received. */
    Object elem;
    /** True if woken by a value transfer, false if woken by close (Go's {@code sudog.success}). */
    boolean success;
    /** Race detector: the clock that travels with the value or back to the sender; null when the detector is off. */
    Object clock;
    /** Links in the wait queue; after dequeueing, {@code next} chains the sudogs a close wakes. */
    Sudog next;
    Sudog prev;
    /** True while linked into a wait queue. */
    boolean queued;

    Sudog(Goroutine g, Chan<?> c, Object elem, SelectGate gate, int caseIndex) {
        this.g = g;
        this.thread = Thread.currentThread();
        this.c = c;
        this.elem = elem;
        this.gate = gate;
        this.caseIndex = caseIndex;
    }

    /**
     * Wakes the goroutine waiting on this sudog: Go's {@code goready}. The caller owns the sudog (see guards); for a
     * select, the select's gate is what its goroutine waits on.
     */
    void ready() {
        (gate != null ? gate : this).wake(thread, g, c.cap() > 0);
    }
}

package dev.gokata.runtime;

/**
 * What a goroutine blocked on a channel or a select waits for: a flag its waker sets once. For a rendezvous the
 * goroutine first spins for a moment while {@link Goroutine#spinsBeforePark()} says spinning pays (see
 * {@link Spinning}), or else yields its carrier once, and parks only if the flag is still down; the waker unparks it
 * only if it did park.
 *
 * <p>Implementation note. {@code done} and {@code parked} form a Dekker pair: the waker writes {@code done} then
 * reads {@code parked}; the waiter writes {@code parked} then reads {@code done}. Both are volatile, so at least one
 * side sees the other's write: either the waiter sees {@code done} and never parks, or the waker sees
 * {@code parked} and unparks it. The same pair decides who ends the wait: a waiter counts itself blocked
 * ({@link Goroutine#park}) only after writing {@code parked} and reading {@code done} false, so whenever it may
 * be counted the waker sees {@code parked} and uncounts it ({@link Goroutine#endWait(int)}, by the wait's number
 * {@code waitNumber}: the waiter may be in its next wait by then); until then the waker is itself running, so the
 * program cannot look deadlocked. The waiter always ends its own wait when it runs again. A hand-off that completes
 * while the waiter spins so costs neither a park nor an unpark (an unpark of a virtual thread submits it to the
 * scheduler and may wake a sleeping carrier: microseconds). Spurious returns from {@code park} (a late waker's
 * unpark) and interrupts are absorbed: Go's waits are not interruptible; the interrupt status is restored on return.
 */
abstract class Waiter {
    private volatile boolean done;
    private volatile boolean parked;
    /** The number of the goroutine's wait this waiter stands for ({@link Goroutine#beginWait}); set before queueing. */
    int waitNumber = -1;

    /**
     * Releases the waiting goroutine {@code g}, which runs on {@code thread}; call once, after the hand-off is
     * complete. If it may have parked, ends its wait (uncounting it as blocked) before unparking it; if it was still
     * spinning, it ends its own wait, and the waker never touches the waiter's goroutine. {@code lazy}: a buffered
     * channel's wake-up, which queues the goroutine on the waker's carrier without waking another ({@link Scheduler}).
     */
    final void wake(Thread thread, Goroutine g, boolean lazy) {
        done = true;
        if (parked) {
            g.endWait(waitNumber);
            Scheduler.unpark(thread, lazy);
        }
    }

    /**
     * Blocks until {@link #wake}: for a {@code rendezvous}, spins while that pays for {@code g}; otherwise yields the
     * carrier once if {@code yieldFirst} (a partner already runnable on this carrier can then answer without a
     * park); then parks.
     */
    final void await(Goroutine g, boolean rendezvous, boolean yieldFirst) {
        if (spinOrYield(g, rendezvous, yieldFirst)) {
            g.endWait();
            return;
        }
        parked = true;
        boolean interrupted = false;
        while (!done) {
            g.park(this);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        g.endWait();
    }

    /**
     * As {@link #await}, but gives up at {@code deadline} (System.nanoTime) and returns false if not woken by then
     * (the caller then races its wakers for the outcome and may have to {@link #awaitAfterDeadline}).
     */
    final boolean awaitOrDeadline(Goroutine g, long deadline, boolean rendezvous, boolean yieldFirst) {
        if (spinOrYield(g, rendezvous, yieldFirst)) {
            g.endWait();
            return true;
        }
        parked = true;
        boolean interrupted = false;
        long left;
        while (!done && (left = deadline - System.nanoTime()) > 0) {
            g.parkNanos(this, left);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        g.endWait(); // timed out: not counted as blocked while it races its wakers for the outcome
        return done;
    }

    /** After a lost race against a waker at the deadline: the waker is finishing and will wake us soon. */
    final void awaitAfterDeadline(Goroutine g) {
        await(g, false, false);
    }

    /**
     * Before parking: spins if this is a {@code rendezvous} (a wait on unbuffered channels only), spinning pays for
     * {@code g}, and the pool runs more than one carrier ({@link Scheduler#spinCanPay}); otherwise yields the carrier
     * once if {@code yieldFirst}, unless new goroutines wait to begin (a yielding virtual thread whose carrier has no
     * other work goes to the back of the scheduler's shared queue, where every new goroutine goes: behind thousands
     * of them it would be away for milliseconds, while a parked one is woken onto its waker's carrier); a buffered
     * channel's waiter on the runtime's own pool yields only to goroutines queued on its carrier ({@link
     * Scheduler#yieldHelps}). True if woken meanwhile. A wait on a buffered channel never spins: a sender that spins
     * on a full buffer is woken for every value taken, where a parked one sleeps while the receiver drains a batch
     * (jox's channels make the same choice).
     */
    private boolean spinOrYield(Goroutine g, boolean rendezvous, boolean yieldFirst) {
        int spins = rendezvous && Scheduler.spinCanPay() ? g.spinsBeforePark() : 0;
        if (spins == 0) {
            if (yieldFirst && !done && Scheduler.yieldHelps(g, rendezvous)) {
                Thread.yield();
            }
            return done;
        }
        for (int i = 0; i < spins; i++) {
            if (done) {
                g.spinPaid(true);
                return true;
            }
            Thread.onSpinWait();
        }
        boolean woken = done;
        g.spinPaid(woken);
        return woken;
    }
}

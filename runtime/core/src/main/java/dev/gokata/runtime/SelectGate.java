package dev.gokata.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The CAS-once cell shared by every {@link Sudog} of one blocked select, Go's {@code g.selectDone}: the first waker
 * (or the select's own timeout) to {@link #claim} it decides which case the select takes; all other wakers skip the
 * select's remaining sudogs.
 *
 * <p>Guards: {@code winner} changes once, by CAS, from null; the gate is woken ({@link Waiter#wake}) once, by the
 * winner's waker, after it has finished the transfer into the winning sudog.
 */
final class SelectGate extends Waiter {
    /** The winner when the select's own deadline passed first. */
    static final Sudog TIMEOUT = new Sudog(null, null, null, null, -1);

    private static final VarHandle WINNER;

    static {
        try {
            WINNER = MethodHandles.lookup().findVarHandle(SelectGate.class, "winner", Sudog.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through WINNER
    private volatile Sudog winner;

    /** True if {@code sg} won the select; false if another case (or the timeout) already had. */
    boolean claim(Sudog sg) {
        return WINNER.compareAndSet(this, (Sudog) null, sg);
    }

    Sudog winner() {
        return winner;
    }

    /**
     * Parks until a waker is done or {@code deadline} (System.nanoTime) passes; at the deadline tries to claim the
     * select for its timeout. Returns the winner (possibly {@link #TIMEOUT}), with any waker finished.
     */
    Sudog awaitUntil(Goroutine g, long deadline, boolean rendezvous, boolean yieldFirst) {
        if (!awaitOrDeadline(g, deadline, rendezvous, yieldFirst) && !claim(TIMEOUT)) {
            awaitAfterDeadline(g); // a waker won the race against the deadline: it sets done soon
        }
        return winner;
    }
}

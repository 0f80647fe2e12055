package dev.gokata.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Go's {@code cancelCtx} and {@code timerCtx} in one class: a context that can be cancelled by its cancel function,
 * by its parent, or (with a deadline) by a timer.
 *
 * <p>Implementation note. State, all guarded by {@code guard}: {@code err} (null until cancelled; set once),
 * {@code children} (the cancellable contexts registered below this one; null once cancelled) and {@code timer}
 * (the pending deadline timer, or null). The {@code done} channel is made eagerly and closed exactly once, by the
 * cancel that sets {@code err}, inside the same critical section, so "done is closed" and "err is set" are never
 * seen apart through {@link #err()}.
 *
 * <p>Cancellation ({@link #cancel(boolean, ContextError)}), Go's algorithm: set {@code err}, close {@code done},
 * take the children and the timer, all under {@code guard}; then, outside it, stop the timer (so no timer stays
 * pending in the program), cancel each child with the same error, and unregister from the parent. Children are
 * cancelled outside the lock, so locks are never nested parent-to-child; a child registered concurrently either
 * made it into the set before {@code err} was set or sees {@code err} when it registers.
 *
 * <p>Registration with the parent ({@link #propagateCancel}): a parent that can never be done (a nil {@code done}
 * channel: background, TODO) is ignored; an ancestor {@code CancelContext} reached through value contexts
 * registers this context as a child (or cancels it at once if it is already done); any other parent
 * implementation is watched by a goroutine selecting on both {@code done} channels, as Go does.
 *
 * <p>Deadline: {@code Timer.afterFunc} calls {@code cancel(true, DEADLINE_EXCEEDED)} in its own goroutine, like
 * Go's {@code time.AfterFunc}; the timer is armed under {@code guard} only if not cancelled yet, and stopped by an
 * earlier cancel. A pending deadline keeps the deadlock detector quiet, as a pending timer does in Go.
 *
 * <p>Race hooks: none of its own; cancel closes {@code done}, and the channel's close-to-receive edge is Go's.
 */
final class CancelContext implements CancelableContext {
    private final Context parent;
    private final Instant deadline;
    private final Chan<Void> done = Chan.make();
    private final Object guard = new Object();
    /** Guarded by {@code guard}. */
    private ContextError err;
    /** Guarded by {@code guard}; null once cancelled. */
    private Set<CancelContext> children = new LinkedHashSet<>();
    /** Guarded by {@code guard}. */
    private Timer timer;
    /** The ancestor this context registered with, to unregister on cancel; written once before publication. */
    private CancelContext registeredWith;

    private CancelContext(Context parent, Instant deadline) {
        if (parent == null) {
            throw new GoPanic("cannot create context from nil parent");
        }
        this.parent = parent;
        this.deadline = deadline;
    }

    /** Go's {@code WithCancel}. */
    static CancelContext withCancel(Context parent) {
        var c = new CancelContext(parent, null);
        c.propagateCancel();
        return c;
    }

    /** Go's {@code WithDeadline}: a parent's earlier deadline wins, and then this is just {@code WithCancel}. */
    static CancelContext withDeadline(Context parent, Instant deadline) {
        if (parent == null) {
            throw new GoPanic("cannot create context from nil parent");
        }
        Optional<Instant> parentDeadline = parent.deadline();
        if (parentDeadline.isPresent() && parentDeadline.get().isBefore(deadline)) {
            return withCancel(parent);
        }
        var c = new CancelContext(parent, deadline);
        c.propagateCancel();
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            c.cancel(true, ContextError.DEADLINE_EXCEEDED);
            return c;
        }
        synchronized (c.guard) {
            if (c.err == null) {
                c.timer = Timer.afterFunc(left, () -> c.cancel(true, ContextError.DEADLINE_EXCEEDED));
            }
        }
        return c;
    }

    @Override
    public RecvChan<Void> done() {
        return done;
    }

    @Override
    public Optional<ContextError> err() {
        synchronized (guard) {
            return Optional.ofNullable(err);
        }
    }

    @Override
    public Optional<Instant> deadline() {
        return deadline != null ? Optional.of(deadline) : parent.deadline();
    }

    @Override
    public Optional<Object> value(Object key) {
        return parent.value(key);
    }

    @Override
    public void cancel() {
        cancel(true, ContextError.CANCELED);
    }

    /** Cancels this context and its children with {@code cause}; does nothing if already cancelled. */
    void cancel(boolean removeFromParent, ContextError cause) {
        List<CancelContext> toCancel;
        Timer pending;
        synchronized (guard) {
            if (err != null) {
                return;
            }
            err = cause;
            done.close();
            toCancel = new ArrayList<>(children);
            children = null;
            pending = timer;
            timer = null;
        }
        if (pending != null) {
            pending.stop();
        }
        for (CancelContext child : toCancel) {
            child.cancel(false, cause);
        }
        if (removeFromParent && registeredWith != null) {
            registeredWith.removeChild(this);
        }
    }

    private void removeChild(CancelContext child) {
        synchronized (guard) {
            if (children != null) {
                children.remove(child);
            }
        }
    }

    /** Arranges for this context to be cancelled when its parent is; see the class comment. */
    private void propagateCancel() {
        RecvChan<Void> parentDone = parent.done();
        if (parentDone == null || parentDone instanceof Chan<?> c && c.isNil()) {
            return;
        }
        Optional<ContextError> parentErr = parent.err();
        if (parentErr.isPresent()) {
            cancel(false, parentErr.get());
            return;
        }
        CancelContext ancestor = nearestCancelContext(parent);
        if (ancestor != null) {
            ContextError ancestorErr;
            synchronized (ancestor.guard) {
                ancestorErr = ancestor.err;
                if (ancestorErr == null) {
                    ancestor.children.add(this);
                    registeredWith = ancestor;
                }
            }
            if (ancestorErr != null) {
                cancel(false, ancestorErr);
            }
            return;
        }
        Go.go(() -> Select.select()
                .recv(parentDone, v -> cancel(false, parent.err().orElse(ContextError.CANCELED)))
                .recv(done, v -> {
                })
                .run());
    }

    private static CancelContext nearestCancelContext(Context c) {
        while (true) {
            switch (c) {
                case CancelContext cc -> {
                    return cc;
                }
                case ValueContext v -> c = v.parent();
                default -> {
                    return null;
                }
            }
        }
    }

    @Override
    public String toString() {
        return parent + (deadline == null ? ".WithCancel" : ".WithDeadline(" + deadline + ")");
    }
}

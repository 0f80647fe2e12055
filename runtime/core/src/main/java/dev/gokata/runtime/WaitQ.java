package dev.gokata.runtime;

/**
 * A channel's FIFO queue of waiting goroutines ({@code sendq} or {@code recvq}), Go's {@code waitq}: a doubly linked
 * list of {@link Sudog}s, guarded by the owning channel's lock.
 */
final class WaitQ {
    private Sudog first;
    private Sudog last;

    boolean isEmpty() {
        return first == null;
    }

    void enqueue(Sudog sg) {
        sg.next = null;
        sg.prev = last;
        sg.queued = true;
        if (last == null) {
            first = sg;
        } else {
            last.next = sg;
        }
        last = sg;
    }

    /**
     * Removes and returns the first waiter that can still be woken, or null. A select's sudog whose select has
     * already been won by another case (or by its timeout) is unlinked and skipped, as in Go's {@code dequeue}.
     */
    Sudog dequeue() {
        for (Sudog sg = first; sg != null; sg = first) {
            unlink(sg);
            if (sg.gate == null || sg.gate.claim(sg)) {
                return sg;
            }
        }
        return null;
    }

    /** Unlinks {@code sg} if it is still queued here (a select cleaning up its losing cases). */
    void remove(Sudog sg) {
        if (sg.queued) {
            unlink(sg);
        }
    }

    private void unlink(Sudog sg) {
        Sudog p = sg.prev;
        Sudog n = sg.next;
        if (p == null) {
            first = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            last = p;
        } else {
            n.prev = p;
        }
        sg.prev = null;
        sg.next = null;
        sg.queued = false;
    }
}

package dev.gokata.runtime;

/**
 * Go's {@code sync.Mutex}: not re-entrant (locking twice in one goroutine deadlocks), may be unlocked by another
 * goroutine than the one that locked it, and unlocking an unlocked mutex is a fatal error.
 * TODO(runtime-sync): the implementation; this is the agreed surface.
 */
public final class Mutex implements Locker {

    /** Locks, blocking until the mutex is free. */
    @Override
    public void lock() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Locks if free, without blocking; true if it did. */
    public boolean tryLock() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Unlocks; @throws GoFatalError {@code sync: unlock of unlocked mutex}. */
    @Override
    public void unlock() {
        throw new UnsupportedOperationException("not built yet");
    }
}

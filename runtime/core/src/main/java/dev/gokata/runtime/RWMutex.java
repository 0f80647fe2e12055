package dev.gokata.runtime;

/**
 * Go's {@code sync.RWMutex}: many readers or one writer; once a writer waits, new readers wait behind it.
 * TODO(runtime-sync): the implementation; this is the agreed surface.
 */
public final class RWMutex implements Locker {

    /** Locks for writing. */
    @Override
    public void lock() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Unlocks for writing; @throws GoFatalError {@code sync: Unlock of unlocked RWMutex}. */
    @Override
    public void unlock() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Locks for reading. */
    public void rLock() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Unlocks for reading; @throws GoFatalError {@code sync: RUnlock of unlocked RWMutex}. */
    public void rUnlock() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Locks for writing if no one holds the lock; true if it did. */
    public boolean tryLock() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Locks for reading if no writer holds or waits for the lock; true if it did. */
    public boolean tryRLock() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** A Locker whose lock and unlock are rLock and rUnlock, as Go's {@code RLocker()}. */
    public Locker rLocker() {
        throw new UnsupportedOperationException("not built yet");
    }
}

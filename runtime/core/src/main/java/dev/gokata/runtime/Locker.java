package dev.gokata.runtime;

/** Go's {@code sync.Locker}: anything that can be locked and unlocked, such as the lock a {@link Cond} waits on. */
public interface Locker {
    void lock();

    void unlock();
}

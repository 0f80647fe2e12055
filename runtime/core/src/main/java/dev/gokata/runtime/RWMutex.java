package dev.gokata.runtime;

import dev.gokata.runtime.race.Race;
import java.util.ArrayDeque;

/**
 * Go's {@code sync.RWMutex}: many readers or one writer; once a writer waits, new readers wait behind it.
 *
 * <p>Implementation note. State guarded by {@code guard}: {@code readers} (readers inside), {@code writer} (a writer
 * inside), and two FIFO queues of parked {@link SyncWaiter}s. Admission rules, as Go's:
 * <ul>
 *   <li>{@link #rLock} enters when no writer is inside <em>and none is queued</em>; otherwise it queues with
 *       {@link WaitReason#RWMUTEX_RLOCK}. So a waiting writer blocks new readers, and writers never starve.</li>
 *   <li>{@link #lock} enters when nobody is inside and no writer is queued; otherwise it queues with
 *       {@link WaitReason#RWMUTEX_LOCK}.</li>
 *   <li>{@link #rUnlock} of the last reader hands the lock to the first queued writer.</li>
 *   <li>{@link #unlock} admits <em>every</em> queued reader at once (they arrived while the writer was inside), or,
 *       when no reader waits, hands the lock to the next writer. So readers never starve either.</li>
 * </ul>
 * Hand-off means the woken goroutine already holds the lock when it wakes: the waker updated {@code readers} or
 * {@code writer} for it.
 *
 * <p>Invariants (under {@code guard}): {@code !(writer && readers > 0)}; {@code readerQueue} is non-empty only while
 * a writer is inside or queued; {@code writerQueue} is non-empty only while someone is inside. Never call user
 * code while holding {@code guard}.
 *
 * <p>Race hooks, as Go's: {@code unlock} releases into {@code writeClock}, acquired by every {@code rLock} and
 * {@code lock}; {@code rUnlock} releases into {@code readClock}, acquired by every {@code lock}.
 */
public final class RWMutex implements Locker {
    private final Object guard = new Object();
    /** Guarded by {@code guard}. */
    private int readers;
    /** Guarded by {@code guard}. */
    private boolean writer;
    /** Guarded by {@code guard}. */
    private final ArrayDeque<SyncWaiter> readerQueue = new ArrayDeque<>();
    /** Guarded by {@code guard}. */
    private final ArrayDeque<SyncWaiter> writerQueue = new ArrayDeque<>();
    /** The race detector's clock of the writers' unlocks; written under {@code guard}. */
    private volatile Object writeClock;
    /** The race detector's clock of the readers' unlocks; written under {@code guard}. */
    private volatile Object readClock;
    private final Locker rLocker = new Locker() {
        @Override
        public void lock() {
            rLock();
        }

        @Override
        public void unlock() {
            rUnlock();
        }
    };

    /** Locks for writing. */
    @Override
    public void lock() {
        SyncWaiter w;
        synchronized (guard) {
            if (!writer && readers == 0 && writerQueue.isEmpty()) {
                writer = true;
                acquireForWriter();
                return;
            }
            w = new SyncWaiter();
            w.g.beginWait(WaitReason.RWMUTEX_LOCK);
            writerQueue.addLast(w);
        }
        w.park();
        acquireForWriter();
    }

    /** Unlocks for writing; @throws GoFatalError {@code sync: Unlock of unlocked RWMutex}. */
    @Override
    public void unlock() {
        synchronized (guard) {
            if (!writer) {
                throw new GoFatalError("sync: Unlock of unlocked RWMutex");
            }
            if (Race.ENABLED) {
                writeClock = Race.release(writeClock);
            }
            writer = false;
            if (!readerQueue.isEmpty()) {
                readers += readerQueue.size();
                for (SyncWaiter r : readerQueue) {
                    r.wake();
                }
                readerQueue.clear();
            } else {
                SyncWaiter next = writerQueue.pollFirst();
                if (next != null) {
                    writer = true;
                    next.wake();
                }
            }
        }
    }

    /** Locks for reading. */
    public void rLock() {
        SyncWaiter w;
        synchronized (guard) {
            if (!writer && writerQueue.isEmpty()) {
                readers++;
                acquireForReader();
                return;
            }
            w = new SyncWaiter();
            w.g.beginWait(WaitReason.RWMUTEX_RLOCK);
            readerQueue.addLast(w);
        }
        w.park();
        acquireForReader();
    }

    /** Unlocks for reading; @throws GoFatalError {@code sync: RUnlock of unlocked RWMutex}. */
    public void rUnlock() {
        synchronized (guard) {
            if (readers == 0) {
                throw new GoFatalError("sync: RUnlock of unlocked RWMutex");
            }
            if (Race.ENABLED) {
                readClock = Race.release(readClock);
            }
            readers--;
            if (readers == 0) {
                SyncWaiter next = writerQueue.pollFirst();
                if (next != null) {
                    writer = true;
                    next.wake();
                }
            }
        }
    }

    /** Locks for writing if no one holds the lock; true if it did. */
    public boolean tryLock() {
        synchronized (guard) {
            if (writer || readers > 0) {
                return false;
            }
            writer = true;
            acquireForWriter();
            return true;
        }
    }

    /** Locks for reading if no writer holds or waits for the lock; true if it did. */
    public boolean tryRLock() {
        synchronized (guard) {
            if (writer || !writerQueue.isEmpty()) {
                return false;
            }
            readers++;
            acquireForReader();
            return true;
        }
    }

    /** A Locker whose lock and unlock are rLock and rUnlock, as Go's {@code RLocker()}. */
    public Locker rLocker() {
        return rLocker;
    }

    private void acquireForWriter() {
        if (Race.ENABLED) {
            Race.acquire(writeClock);
            Race.acquire(readClock);
        }
    }

    private void acquireForReader() {
        if (Race.ENABLED) {
            Race.acquire(writeClock);
        }
    }
}

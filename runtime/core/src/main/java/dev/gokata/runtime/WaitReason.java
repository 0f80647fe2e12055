package dev.gokata.runtime;

/**
 * Why a goroutine is not running, in the exact words Go's goroutine dumps use ({@code runtime2.go}), but for
 * {@link #ONCE_DO}.
 */
public enum WaitReason {
    CHAN_RECEIVE("chan receive", true),
    CHAN_SEND("chan send", true),
    CHAN_RECEIVE_NIL("chan receive (nil chan)", true),
    CHAN_SEND_NIL("chan send (nil chan)", true),
    SELECT("select", true),
    SELECT_NO_CASES("select (no cases)", true),
    MUTEX_LOCK("sync.Mutex.Lock", true),
    RWMUTEX_RLOCK("sync.RWMutex.RLock", true),
    RWMUTEX_LOCK("sync.RWMutex.Lock", true),
    WAITGROUP_WAIT("sync.WaitGroup.Wait", true),
    COND_WAIT("sync.Cond.Wait", true),
    /**
     * Waiting inside {@link Once} for a concurrent first call to finish: a reason of gokata's own, where Go's dump
     * shows the Once's internal mutex ({@code sync.Mutex.Lock}; {@code semacquire} in Go 1.19), so that the dump names
     * the Once the student wrote.
     */
    ONCE_DO("sync.Once.Do", true),
    /** A sleep, or a select with a timeout case: never part of a deadlock, like a pending timer. */
    SLEEP("sleep", false);

    private final String text;
    private final boolean canDeadlock;

    WaitReason(String text, boolean canDeadlock) {
        this.text = text;
        this.canDeadlock = canDeadlock;
    }

    /** The text Go prints between the brackets of {@code goroutine 7 [chan send]:}. */
    public String text() {
        return text;
    }

    /** False for waits that end by themselves (sleep, timeouts): those never count towards a deadlock. */
    public boolean canDeadlock() {
        return canDeadlock;
    }

    @Override
    public String toString() {
        return text;
    }
}

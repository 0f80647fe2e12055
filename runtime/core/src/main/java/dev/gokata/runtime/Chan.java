package dev.gokata.runtime;

import dev.gokata.runtime.race.Race;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Go channel: unbuffered, buffered or nil, with Go's semantics and panics.
 *
 * <h2>Implementation note: Go's {@code hchan} (src/runtime/chan.go), ported line for line</h2>
 * One lock per channel guards everything: the ring buffer {@code buf} of {@code dataqsiz} slots with its count
 * {@code qcount} and indices {@code sendx} (next slot to fill) / {@code recvx} (next slot to take), the flag
 * {@code closed}, and two FIFO queues of waiting goroutines, {@code sendq} and {@code recvq}, whose entries are
 * {@link Sudog}s (one blocked goroutine each, carrying the value being handed over).
 * <ul>
 *   <li><b>send</b> (Go's {@code chansend}): lock; closed → panic; a receiver waits in {@code recvq} → copy the
 *       value <em>directly into its sudog</em> and wake it (Go's {@code send}/{@code sendDirect}); room in the buffer
 *       → store at {@code sendx}; otherwise enqueue our own sudog on {@code sendq} and park.</li>
 *   <li><b>receive</b> ({@code chanrecv}): lock; closed and empty → zero value (null), ok=false; a sender waits in
 *       {@code sendq} → unbuffered: take its value directly; buffered (the buffer is then full): take the head at
 *       {@code recvx} and move the sender's value into the slot just freed, so FIFO order holds and the sender
 *       wakes exactly once (Go's {@code recv}); a value in the buffer → take it; otherwise enqueue and park.</li>
 *   <li><b>close</b> ({@code closechan}): lock; mark closed; dequeue every waiter (receivers get null/ok=false,
 *       senders wake to panic {@code send on closed channel}); unlock, then wake them all.</li>
 * </ul>
 * Waking is Go's {@code goready}: the waker dequeues the sudog under the lock (which makes it the sudog's only
 * owner), does the transfer, releases the lock, then {@link Sudog#ready()} sets the waiter's volatile {@code done}
 * flag and unparks it if it parked ({@link Waiter}). The waiter on an unbuffered channel spins for a moment while
 * spinning pays ({@link Spinning}); otherwise it may yield its carrier once ({@link #YIELD_POLICY}); then it parks
 * ({@link Goroutine#park}) until {@code done}; no {@code Condition}, no re-acquiring of the lock after waking.
 *
 * <p>Invariants (under the channel's lock, {@link ChanLock}, which {@code Chan} extends):
 * <ul>
 *   <li>{@code 0 <= qcount <= dataqsiz}; the values are {@code buf[recvx], buf[recvx+1], ...} (mod dataqsiz) and
 *       {@code sendx == (recvx + qcount) % dataqsiz}; freed slots hold null (no leak of the value).</li>
 *   <li>{@code sendq} is non-empty only if the channel is not closed and {@code qcount == dataqsiz};
 *       {@code recvq} is non-empty only if {@code qcount == 0}. (Select sudogs whose select was already decided
 *       may linger in either queue; {@link WaitQ#dequeue} skips them, as Go's does.)</li>
 *   <li>{@code closed} never goes back to false.</li>
 * </ul>
 * Never held while holding the lock: unparking, running user code, taking another channel's lock (except
 * {@link Select}, which takes several channels' locks in increasing {@code id} order).
 *
 * <p>Differences from Go: the nil channel is a distinct object ({@link #nil()}) rather than a null reference
 * (a Java {@code null} is accepted as a nil channel by {@link Select}); values are references, so "copying into
 * the waiter's stack slot" is storing into {@code Sudog.elem}; Go's lock-free fast path for a failing
 * non-blocking operation is not needed (a {@code ReentrantLock} without contention costs ~20 ns).
 *
 * <p>Race detector (docs/architecture.md): the sender's clock travels with the value: in {@code valueClocks[i]}
 * next to the buffered value, or in {@code Sudog.clock}. Unbuffered: the receiver's clock travels back in the sudog,
 * so the receive happens before the send completes. Buffered, capacity C: each receive releases into
 * {@code slotClocks[i]} and each send into slot i acquires it, so the k-th receive happens before the (k+C)-th send
 * completes. Close releases into {@code closeClock}; a receive that observes the close acquires it. One deviation:
 * a send handing its value to a receiver parked on an empty <em>buffered</em> channel also acquires that receiver's
 * clock (Go's {@code racenotify} acts on behalf of the receiver, which this API cannot); the extra edge can only
 * hide a race, never report a false one.
 */
public final class Chan<T> extends ChanLock implements SendChan<T>, RecvChan<T> {

    /**
     * Whether a goroutine about to park calls {@code Thread.yield()} once first, so that a partner that is already
     * runnable on this carrier can complete the hand-off without a park/unpark. Property {@code gokata.chan.yield};
     * measured in docs/benchmarks.md. Under every policy, nobody yields while a goroutine just started by {@code go}
     * waits to begin ({@link Waiter}).
     */
    static final YieldPolicy YIELD_POLICY = YieldPolicy.fromProperty();

    enum YieldPolicy {
        NEVER,
        /** Only the first waiter of its queue yields: its partner is probably about to come. */
        FIRST,
        /**
         * The first waiter yields, and so does a goroutine that has waited more than {@link #SETTLED_WAITS} times
         * (a worker of a pool or a pipeline stage, whose partners share its carrier: with 8 producers and 8
         * consumers on a buffered channel this turns ~110 000 parks per million values into about 1 000). A
         * goroutine in its first waits, one of thousands of new ones piling onto a channel, parks at once: a yield
         * would only run it twice. The default.
         */
        SETTLED,
        ALWAYS;

        /** The waits after which a goroutine counts as settled. */
        static final int SETTLED_WAITS = 16;

        static YieldPolicy fromProperty() {
            return switch (System.getProperty("gokata.chan.yield", "settled")) {
                case "never" -> NEVER;
                case "first" -> FIRST;
                case "always" -> ALWAYS;
                default -> SETTLED;
            };
        }

        /** For a goroutine in its wait number {@code waitNumber}, the {@code first} waiter of its queue or not. */
        boolean yieldsWhen(boolean first, int waitNumber) {
            return switch (this) {
                case NEVER -> false;
                case FIRST -> first;
                case SETTLED -> first || waitNumber > SETTLED_WAITS;
                case ALWAYS -> true;
            };
        }
    }

    /** What the internal receive returns for a closed, drained channel (values themselves may be null). */
    static final Object CLOSED = new Object();
    private static final Received<?> CLOSED_RECEIVED = new Received<>(null, false);
    private static final AtomicLong IDS = new AtomicLong();
    private static final Chan<?> NIL = new Chan<>(-1);

    /** Unique, increasing: the order in which {@link Select} locks several channels. */
    final long id;
    /** The buffer's capacity; -1 for the nil channel. */
    final int dataqsiz;
    // guarded by this channel's lock (lock() and unlock(), from ChanLock), as are the sudogs queued in sendq/recvq
    private final Object[] buf;
    int qcount;
    private int sendx;
    private int recvx;
    boolean closed;
    final WaitQ recvq = new WaitQ();
    final WaitQ sendq = new WaitQ();
    // race detector only; see the class comment
    private final Object[] valueClocks;
    private final Object[] slotClocks;
    private Object closeClock;

    private Chan(int capacity) {
        this.id = IDS.incrementAndGet();
        this.dataqsiz = capacity;
        this.buf = capacity > 0 ? new Object[capacity] : null;
        this.valueClocks = Race.ENABLED && capacity > 0 ? new Object[capacity] : null;
        this.slotClocks = Race.ENABLED && capacity > 0 ? new Object[capacity] : null;
    }

    /** An unbuffered channel, Go's {@code make(chan T)}. */
    public static <T> Chan<T> make() {
        return make(0);
    }

    /** A channel with a buffer of {@code capacity} values, Go's {@code make(chan T, capacity)}. */
    public static <T> Chan<T> make(int capacity) {
        if (capacity < 0) {
            throw new GoPanic("makechan: size out of range");
        }
        return new Chan<>(capacity);
    }

    /** A nil channel, Go's {@code var ch chan T}: sends and receives block forever, close panics. */
    @SuppressWarnings("unchecked")
    public static <T> Chan<T> nil() {
        return (Chan<T>) NIL;
    }

    /** This channel seen as send-only, Go's {@code chan<- T}. */
    public SendChan<T> sendOnly() {
        return this;
    }

    /** This channel seen as receive-only, Go's {@code <-chan T}. */
    public RecvChan<T> recvOnly() {
        return this;
    }

    boolean isNil() {
        return dataqsiz < 0;
    }

    // ---- send: Go's chansend ----

    @Override
    public void send(T value) {
        if (isNil()) {
            blockForever(WaitReason.CHAN_SEND_NIL);
        }
        lock();
        if (closed) {
            unlock();
            throw new GoPanic("send on closed channel");
        }
        Sudog receiver = recvq.dequeue();
        if (receiver != null) {
            sendTo(receiver, value);
            unlock();
            receiver.ready();
            return;
        }
        if (qcount < dataqsiz) {
            bufSend(value);
            unlock();
            return;
        }
        sendBlocking(value);
    }

    /** The end of a send that found nobody to take the value: queue our sudog, unlock, wait. Lock held. */
    private void sendBlocking(T value) {
        Goroutine g = Goroutine.current();
        var sg = new Sudog(g, this, value, null, 0);
        if (Race.ENABLED) {
            sg.clock = Race.release(null);
        }
        sg.waitNumber = g.beginWait(WaitReason.CHAN_SEND);
        boolean first = sendq.isEmpty();
        sendq.enqueue(sg);
        unlock();
        sg.await(g, dataqsiz == 0, YIELD_POLICY.yieldsWhen(first, sg.waitNumber));
        if (!sg.success) {
            throw new GoPanic("send on closed channel");
        }
        if (Race.ENABLED) {
            Race.acquire(sg.clock);
        }
    }

    /** Hands {@code v} to a receiver dequeued from {@code recvq} (Go's {@code send}). Lock held; caller readies it. */
    void sendTo(Sudog receiver, Object v) {
        if (Race.ENABLED) {
            Race.acquire(receiver.clock); // unbuffered: the receive happens before the send completes
            if (dataqsiz > 0) { // as Go: the value passes through slot recvx (see the deviation above)
                slotSendClock(recvx);
                slotClocks[recvx] = Race.release(slotClocks[recvx]);
                recvx = inc(recvx);
                sendx = recvx;
            }
            receiver.clock = Race.release(null); // the sender's clock travels with the value
        }
        receiver.elem = v;
        receiver.success = true;
    }

    /** Stores {@code v} at {@code sendx}; requires {@code qcount < dataqsiz}. Lock held. */
    void bufSend(Object v) {
        if (Race.ENABLED) {
            slotSendClock(sendx);
            valueClocks[sendx] = Race.release(null);
        }
        buf[sendx] = v;
        sendx = inc(sendx);
        qcount++;
    }

    private void slotSendClock(int i) {
        Race.acquire(slotClocks[i]); // the (k-C)-th receive happens before this k-th send completes
    }

    // ---- receive: Go's chanrecv ----

    @Override
    @SuppressWarnings("unchecked")
    public T recv() {
        Object v = receive();
        return v == CLOSED ? null : (T) v;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Received<T> recvOk() {
        Object v = receive();
        return v == CLOSED ? (Received<T>) CLOSED_RECEIVED : new Received<>((T) v, true);
    }

    /** Receives a value, or returns {@link #CLOSED} for a closed and drained channel. */
    private Object receive() {
        if (isNil()) {
            blockForever(WaitReason.CHAN_RECEIVE_NIL);
        }
        lock();
        if (closed && qcount == 0) {
            unlock();
            return closedRecv();
        }
        Sudog sender = sendq.dequeue();
        if (sender != null) {
            Object v = recvFrom(sender);
            unlock();
            sender.ready();
            return v;
        }
        if (qcount > 0) {
            Object v = bufRecv();
            unlock();
            return v;
        }
        return receiveBlocking();
    }

    /** The end of a receive that found nothing to take: queue our sudog, unlock, wait. Lock held. */
    private Object receiveBlocking() {
        Goroutine g = Goroutine.current();
        var sg = new Sudog(g, this, null, null, 0);
        if (Race.ENABLED) {
            sg.clock = Race.release(null);
        }
        sg.waitNumber = g.beginWait(WaitReason.CHAN_RECEIVE);
        boolean first = recvq.isEmpty();
        recvq.enqueue(sg);
        unlock();
        sg.await(g, dataqsiz == 0, YIELD_POLICY.yieldsWhen(first, sg.waitNumber));
        return afterWokenReceive(sg);
    }

    /** The value a parked receiver was woken with, or {@link #CLOSED}; called by the woken receiver. */
    Object afterWokenReceive(Sudog sg) {
        if (!sg.success) {
            return closedRecv();
        }
        if (Race.ENABLED) {
            Race.acquire(sg.clock);
        }
        return sg.elem;
    }

    /**
     * Takes a value from a sender dequeued from {@code sendq} (Go's {@code recv}): unbuffered, its own value;
     * buffered (then full), the head of the buffer, and the sender's value moves into the freed slot.
     * Lock held; the caller readies the sender.
     */
    Object recvFrom(Sudog sender) {
        Object v;
        if (dataqsiz == 0) {
            if (Race.ENABLED) {
                Race.acquire(sender.clock); // the send happens before the receive completes
            }
            v = sender.elem;
        } else {
            int i = recvx;
            v = buf[i];
            if (Race.ENABLED) {
                Race.acquire(valueClocks[i]);
                slotClocks[i] = Race.release(slotClocks[i]);
                valueClocks[i] = sender.clock;
            }
            buf[i] = sender.elem;
            recvx = inc(i);
            sendx = recvx;
        }
        if (Race.ENABLED) {
            sender.clock = Race.release(null); // back to the sender: this receive happens before its send completes
        }
        sender.elem = null;
        sender.success = true;
        return v;
    }

    /** Takes the value at {@code recvx}; requires {@code qcount > 0}. Lock held. */
    Object bufRecv() {
        int i = recvx;
        Object v = buf[i];
        if (Race.ENABLED) {
            Race.acquire(valueClocks[i]);
            valueClocks[i] = null;
            slotClocks[i] = Race.release(slotClocks[i]);
        }
        buf[i] = null;
        recvx = inc(i);
        qcount--;
        return v;
    }

    /** A receive that observes the close; returns {@link #CLOSED}. */
    Object closedRecv() {
        if (Race.ENABLED) {
            Race.acquire(closeClock);
        }
        return CLOSED;
    }

    private int inc(int i) {
        return i + 1 == dataqsiz ? 0 : i + 1;
    }

    // ---- close: Go's closechan ----

    @Override
    public void close() {
        if (isNil()) {
            throw new GoPanic("close of nil channel");
        }
        lock();
        if (closed) {
            unlock();
            throw new GoPanic("close of closed channel");
        }
        closed = true;
        if (Race.ENABLED) {
            closeClock = Race.release(closeClock);
        }
        // dequeue every waiter under the lock, wake them after releasing it (Go's glist)
        Sudog woken = null;
        for (Sudog sg = recvq.dequeue(); sg != null; sg = recvq.dequeue()) {
            sg.elem = null;
            sg.success = false;
            sg.next = woken;
            woken = sg;
        }
        for (Sudog sg = sendq.dequeue(); sg != null; sg = sendq.dequeue()) {
            sg.elem = null;
            sg.success = false;
            sg.next = woken;
            woken = sg;
        }
        unlock();
        while (woken != null) {
            Sudog next = woken.next;
            woken.next = null;
            woken.ready();
            woken = next;
        }
    }

    // ---- the timer's send: Go's sendTime (a non-blocking send that never panics) ----

    /**
     * A timer delivers {@code v} if a receiver waits or the buffer has room, else drops it (Go's {@code sendTime}
     * does a select with default). Called on the timer thread, which is not a goroutine: the value carries
     * {@code timerClock} (the timer's start) instead of the caller's clock.
     */
    void offerFromTimer(Object v, Object timerClock) {
        lock();
        if (closed) {
            unlock();
            return;
        }
        Sudog receiver = recvq.dequeue();
        if (receiver != null) {
            receiver.elem = v;
            receiver.success = true;
            receiver.clock = timerClock;
            unlock();
            receiver.ready();
            return;
        }
        if (qcount < dataqsiz) {
            if (Race.ENABLED) {
                valueClocks[sendx] = timerClock;
            }
            buf[sendx] = v;
            sendx = inc(sendx);
            qcount++;
        }
        unlock();
    }

    // ---- len, cap, range ----

    @Override
    public int len() {
        if (isNil()) {
            return 0;
        }
        lock();
        try {
            return qcount;
        } finally {
            unlock();
        }
    }

    @Override
    public int cap() {
        return Math.max(dataqsiz, 0);
    }

    /**
     * Go's {@code for v := range ch}: each {@code hasNext()} receives; it ends once the channel is closed and drained.
     */
    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private Object next;
            private boolean fetched;

            @Override
            public boolean hasNext() {
                if (!fetched) {
                    next = receive();
                    fetched = true;
                }
                return next != CLOSED;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("channel closed and drained");
                }
                fetched = false;
                T v = (T) next;
                next = null;
                return v;
            }
        };
    }

    @Override
    public String toString() {
        return isNil() ? "chan(nil)" : "chan#" + id + "(cap " + dataqsiz + ")";
    }

    /** Parks the calling goroutine for good: a nil channel, or a select with no cases ({@code gopark(nil, ...)}). */
    static void blockForever(WaitReason reason) {
        Goroutine g = Goroutine.current();
        g.beginWait(reason);
        while (true) {
            g.park(null);
            Thread.interrupted(); // not interruptible, as in Go
        }
    }
}

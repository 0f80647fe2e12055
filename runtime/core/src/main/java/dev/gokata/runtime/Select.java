package dev.gokata.runtime;

import dev.gokata.runtime.race.Race;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Go's {@code select} statement, built case by case and run once:
 * <pre>{@code
 * Select.select()
 *     .recv(ch1, m -> System.out.println(m))
 *     .send(out, v, () -> sent++)
 *     .after(Duration.ofMillis(100), () -> System.out.println("timeout"))
 *     .run();
 * }</pre>
 * Among ready cases one is chosen uniformly at random; with {@link #orDefault} the select never blocks; a nil
 * channel's case (a {@link Chan#nil()} or a Java {@code null}) is never ready; a select with no cases blocks forever.
 *
 * <h2>Implementation note: Go's {@code selectgo} (src/runtime/select.go)</h2>
 * {@link #run} follows {@code selectgo} phase by phase:
 * <ol>
 *   <li><b>Orders.</b> {@code pollorder}: a uniformly random permutation of the cases with a non-nil channel
 *       (inside-out Fisher–Yates; Go uses the same shuffle), which makes the choice among ready cases uniform.
 *       {@code lockorder}: the same cases sorted by channel {@code id} (Go sorts by address), so every select
 *       takes the locks of several channels in one global order and two selects can never deadlock each other;
 *       built only when pass 0, which does not need it, found nothing. Unlike Go, a select with default builds
 *       its poll order only once some case looks ready (one that runs its default needs no random order), and
 *       the lock order is sorted from the cases as written, the same input each time: the shuffle's random stores
 *       and the sort's unpredictable branches cost a select with default over 2 empty channels 60 ns instead of
 *       40 on one goroutine (Go: 50). A select without default shuffles first, so that pass 0 stops at the first
 *       ready case in poll order without glancing at all of them first. Pass 0 and the passes after it
 *       are separate methods, so that the common path (a case ready at once) compiles small: a send plus a
 *       select over 2 buffered channels went from 57 to 44 ns on one goroutine ({@code SelectBench.selectReady2};
 *       Go: ~80).</li>
 *   <li><b>Pass 0 — one channel at a time</b> (not in Go): in poll order, a case whose channel looks ready at a
 *       glance, read without its lock ({@code qcount}, the head of the partner's queue, {@code closed}), is tried
 *       under that channel's lock alone, exactly as a non-blocking send or receive would be. A select that finds a
 *       ready case so takes one lock instead of all of them, and no longer contends with the producers of the
 *       other channels (two producers feeding one selecting consumer: docs/benchmarks.md). A stale glance costs
 *       nothing: a case that looks ready but is not is passed over, and pass 1 decides with every lock held.</li>
 *   <li><b>Pass 1 — look for something ready</b>, with all channels locked ({@code sellock}), in poll order, if
 *       any case looks ready under the locks (else straight on): a recv case is ready if a sender waits, the
 *       buffer holds a value or the channel is closed; a send case if the channel is closed (→ panic
 *       {@code send on closed channel}), a receiver waits or the buffer has room. The transfer is {@link Chan}'s
 *       own ({@code sendTo}, {@code bufSend}, {@code recvFrom}, {@code bufRecv}).</li>
 *   <li><b>Default / expired timeout.</b> Nothing ready: run {@code default:} if present. Up to here nothing
 *       is allocated: no sudog, no gate (the builder's arrays are all; see below).</li>
 *   <li><b>Pass 2 — enqueue</b> one {@link Sudog} per case, in lock order, on the channel's {@code sendq} or
 *       {@code recvq}; all share one {@link SelectGate} (Go's {@code g.selectDone}). {@code beginWait(SELECT)}
 *       happens before the locks are released, so before any waker can see a sudog. Unlock and park.</li>
 *   <li><b>Wake-up.</b> A waker on any of the channels dequeues one of our sudogs, wins the gate's CAS (wakers that
 *       lose skip and unlink it, {@link WaitQ#dequeue}), transfers the value, then readies us. With an
 *       {@link #after} case we park with {@code parkNanos} until the deadline, then race the wakers for the gate;
 *       if we win, the timeout case runs (no helper thread, no timer object).</li>
 *   <li><b>Pass 3 — dequeue</b> the losing sudogs: relock all channels and unlink every sudog but the winner's.</li>
 * </ol>
 * Guards: the builder's fields belong to the one goroutine that builds and runs the select (a {@code Select} is
 * not shareable, and runs once); channel state is guarded by each channel's lock, held in pass 0 for
 * one case and otherwise between {@code sellock} and {@code selunlock} (pass 0's glance without the lock is a hint
 * that decides nothing); the gate's {@code winner} is CAS-once, its {@code done} flag is set once by
 * the winning waker.
 *
 * <p>A select with an {@code after} case is a <em>timed wait</em>: while parked it counts as a pending timer
 * ({@code program.timerStarted()} before {@code beginWait}, {@code timerDone()} after {@code endWait}), so, as in Go,
 * where {@code time.After} is a real pending timer, the deadlock detector stays quiet while it waits; its dump shows
 * {@code [select]}. Several {@code after} cases: the shortest wins (its body runs).
 *
 * <p>Differences from Go: the cases live in three flat arrays of the builder (channel, value, body stride; kinds
 * and both orders in one {@code int[]}) instead of {@code selectgo}'s stack frame; those arrays are the only
 * allocation of a select that does not block. Go skips the locks only for a single case plus default
 * ({@code selectnbrecv}, a racy glance at an empty channel); pass 0 instead takes the one lock of a case that looks
 * ready, and the select with default still decides "nothing is ready" with every lock held.
 */
public final class Select {
    private static final int RECV = 0;
    private static final int RECV_OK = 1;
    private static final int SEND = 2;
    private static final int STRIDE = 3;

    /** Per case: the channel (null for nil), the value to send, the body. */
    private Object[] cases = new Object[4 * STRIDE];
    /** {@code [kinds | pollorder | lockorder]}, each {@code capacity} long. */
    private int[] ints = new int[4 * 3];
    private int capacity = 4;
    private int n;
    private Runnable defaultBody;
    private Runnable afterBody;
    private long afterNanos;
    private boolean ran;

    private Select() {
    }

    /** Starts a new select statement. */
    public static Select select() {
        return new Select();
    }

    /** A case {@code case v := <-ch:}; {@code then} gets the value (null once the channel is closed and drained). */
    public <T> Select recv(RecvChan<T> ch, Consumer<? super T> then) {
        return add(RECV, ch, null, Objects.requireNonNull(then, "then"));
    }

    /** A case {@code case v, ok := <-ch:}. */
    public <T> Select recvOk(RecvChan<T> ch, Consumer<Received<T>> then) {
        return add(RECV_OK, ch, null, Objects.requireNonNull(then, "then"));
    }

    /** A case {@code case ch <- value:}; sending on a closed channel panics as a send does. */
    public <T> Select send(SendChan<T> ch, T value, Runnable then) {
        return add(SEND, ch, value, Objects.requireNonNull(then, "then"));
    }

    /** A case {@code case <-time.After(d):}, ready once {@code d} has passed since {@link #run} started. */
    public Select after(Duration d, Runnable then) {
        Objects.requireNonNull(then, "then");
        long nanos = d.toNanos();
        if (afterBody == null || nanos < afterNanos) {
            afterBody = then;
            afterNanos = nanos;
        }
        return this;
    }

    /** The {@code default:} case: runs when no other case is ready, so the select never blocks. */
    public Select orDefault(Runnable then) {
        if (defaultBody != null) {
            throw new IllegalStateException("multiple defaults in select");
        }
        defaultBody = Objects.requireNonNull(then, "then");
        return this;
    }

    private Select add(int kind, Object ch, Object value, Object body) {
        Chan<?> c = switch (ch) {
            case null -> null;
            case Chan<?> chan -> chan.isNil() ? null : chan;
            default -> throw new IllegalArgumentException("select needs a channel made by Chan.make, got " + ch);
        };
        if (n == capacity) {
            grow();
        }
        cases[n * STRIDE] = c;
        cases[n * STRIDE + 1] = value;
        cases[n * STRIDE + 2] = body;
        ints[n] = kind;
        n++;
        return this;
    }

    private void grow() {
        int newCapacity = capacity * 2;
        var newCases = new Object[newCapacity * STRIDE];
        System.arraycopy(cases, 0, newCases, 0, n * STRIDE);
        var newInts = new int[newCapacity * 3];
        System.arraycopy(ints, 0, newInts, 0, n);
        cases = newCases;
        ints = newInts;
        capacity = newCapacity;
    }

    private Chan<?> chan(int i) {
        return (Chan<?>) cases[i * STRIDE];
    }

    /** Waits until one case can proceed, performs it, then runs that case's body. */
    public void run() {
        if (ran) {
            throw new IllegalStateException("a Select runs once; build a new one with Select.select()");
        }
        ran = true;
        long start = afterBody != null ? System.nanoTime() : 0;
        if (n == 0 && defaultBody == null && afterBody == null) {
            Chan.blockForever(WaitReason.SELECT_NO_CASES);
        }
        // a select with default often finds nothing ready: it glances first, and then needs no poll order
        if ((defaultBody == null || anyLooksReady()) && proceedAlone(shufflePollOrder())) {
            return;
        }
        runLocked(start);
    }

    /**
     * Whether some case looks ready at a glance: without the locks a hint, with every lock held exact but for the
     * sudogs of decided selects that may linger in a queue (then the case is tried and found not ready).
     */
    private boolean anyLooksReady() {
        for (int i = 0; i < n; i++) {
            Chan<?> c = chan(i);
            if (c != null && looksReady(c, ints[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Builds the poll order: a random permutation of the cases with a channel (nil channels take part in no
     * order); returns their number.
     */
    private int shufflePollOrder() {
        final int[] order = ints;
        final int poll = capacity;
        var random = ThreadLocalRandom.current();
        int norder = 0;
        for (int i = 0; i < n; i++) {
            if (chan(i) == null) {
                continue;
            }
            int j = random.nextInt(norder + 1);
            order[poll + norder] = order[poll + j];
            order[poll + j] = i;
            norder++;
        }
        return norder;
    }

    /** Pass 0: a case whose channel looks ready is tried under that channel's lock alone, in poll order. */
    private boolean proceedAlone(int norder) {
        final int poll = capacity;
        for (int k = 0; k < norder; k++) {
            int i = ints[poll + k];
            Chan<?> c = chan(i);
            if (looksReady(c, ints[i])) {
                c.lock();
                if (proceed(i, norder, true)) {
                    return true;
                }
                c.unlock();
            }
        }
        return false;
    }

    /**
     * Builds the lock order, needed only once pass 0 found nothing: the cases with a channel sorted by channel id;
     * returns their number. It sorts the cases as written, not in poll order: the same input every time a select
     * statement runs keeps the sort's branches predictable.
     */
    private int sortLockOrder() {
        final int[] order = ints;
        final int lock = 2 * capacity;
        int norder = 0;
        for (int i = 0; i < n; i++) { // insertion sort: selects have few cases
            Chan<?> c = chan(i);
            if (c == null) {
                continue;
            }
            int m = norder++;
            while (m > 0 && chan(order[lock + m - 1]).id > c.id) {
                order[lock + m] = order[lock + m - 1];
                m--;
            }
            order[lock + m] = i;
        }
        return norder;
    }

    /** Passes 1 to 3, with every channel locked: proceed, default, or enqueue, park and dequeue the losers. */
    private void runLocked(long start) {
        final int[] order = ints;
        final int poll = capacity;
        final int lock = 2 * capacity;
        int norder = sortLockOrder();
        sellock(norder);

        // pass 1 — look for something ready with every channel locked, in poll order (built only if needed)
        if (anyLooksReady()) {
            shufflePollOrder();
            for (int k = 0; k < norder; k++) {
                if (proceed(order[poll + k], norder, false)) {
                    return;
                }
            }
        }

        // nothing ready: default, or a timeout that has already expired
        if (defaultBody != null) {
            selunlock(norder);
            defaultBody.run();
            return;
        }
        long deadline = start + afterNanos;
        if (afterBody != null && afterNanos <= 0) {
            selunlock(norder);
            afterBody.run();
            return;
        }

        // pass 2 — enqueue one sudog per case, in lock order, then park
        Goroutine g = Goroutine.current();
        var gate = new SelectGate();
        var sudogs = new Sudog[norder];
        Object clock = Race.ENABLED ? Race.release(null) : null;
        if (afterBody != null) {
            g.program().timerStarted();
        }
        gate.waitNumber = g.beginWait(WaitReason.SELECT);
        boolean firstInQueues = true;
        boolean rendezvous = true;
        for (int k = 0; k < norder; k++) {
            int i = order[lock + k];
            Chan<?> c = chan(i);
            boolean send = order[i] == SEND;
            var sg = new Sudog(g, c, send ? cases[i * STRIDE + 1] : null, gate, i);
            sg.clock = clock;
            WaitQ q = send ? c.sendq : c.recvq;
            firstInQueues &= q.isEmpty();
            rendezvous &= c.dataqsiz == 0;
            q.enqueue(sg);
            sudogs[k] = sg;
        }
        selunlock(norder);

        boolean yieldFirst = Chan.YIELD_POLICY.yieldsWhen(firstInQueues, gate.waitNumber);
        Sudog winner;
        if (afterBody != null) {
            winner = gate.awaitUntil(g, deadline, rendezvous, yieldFirst); // the wait is ended either way
        } else {
            gate.await(g, rendezvous, yieldFirst);
            winner = gate.winner();
        }

        // pass 3 — dequeue the sudogs that lost
        sellock(norder);
        for (Sudog sg : sudogs) {
            if (sg != winner) {
                (order[sg.caseIndex] == SEND ? sg.c.sendq : sg.c.recvq).remove(sg);
            }
        }
        selunlock(norder);
        if (afterBody != null) {
            g.program().timerDone();
        }

        if (winner == SelectGate.TIMEOUT) {
            afterBody.run();
            return;
        }
        int i = winner.caseIndex;
        if (order[i] == SEND) {
            if (!winner.success) {
                throw new GoPanic("send on closed channel");
            }
            if (Race.ENABLED) {
                Race.acquire(winner.clock);
            }
            ((Runnable) cases[i * STRIDE + 2]).run();
        } else {
            received(i, winner.c.afterWokenReceive(winner));
        }
    }

    /**
     * A racy look, without the lock, at whether case kind {@code kind} on {@code c} could proceed: a hint for pass 0
     * only; {@link #proceed} decides under the lock.
     */
    private static boolean looksReady(Chan<?> c, int kind) {
        return kind == SEND
            ? c.closed || !c.recvq.isEmpty() || c.qcount < c.dataqsiz
            : c.qcount > 0 || !c.sendq.isEmpty() || c.closed;
    }

    /**
     * Performs case {@code i} if it can proceed now, with its channel's lock held ({@code alone}) or every
     * channel's: then releases the locks, readies the partner, runs the body and returns true. Returns false with the
     * locks still held if the case cannot proceed.
     */
    private boolean proceed(int i, int norder, boolean alone) {
        return ints[i] == SEND ? proceedSend(i, norder, alone) : proceedRecv(i, norder, alone);
    }

    private boolean proceedSend(int i, int norder, boolean alone) {
        Chan<?> c = chan(i);
        if (c.closed) {
            unlock(c, norder, alone);
            throw new GoPanic("send on closed channel");
        }
        Sudog receiver = c.recvq.dequeue();
        if (receiver != null) {
            c.sendTo(receiver, cases[i * STRIDE + 1]);
            unlock(c, norder, alone);
            receiver.ready();
            ((Runnable) cases[i * STRIDE + 2]).run();
            return true;
        }
        if (c.qcount < c.dataqsiz) {
            c.bufSend(cases[i * STRIDE + 1]);
            unlock(c, norder, alone);
            ((Runnable) cases[i * STRIDE + 2]).run();
            return true;
        }
        return false;
    }

    private boolean proceedRecv(int i, int norder, boolean alone) {
        Chan<?> c = chan(i);
        Sudog sender = c.sendq.dequeue();
        if (sender != null) {
            Object v = c.recvFrom(sender);
            unlock(c, norder, alone);
            sender.ready();
            received(i, v);
            return true;
        }
        if (c.qcount > 0) {
            Object v = c.bufRecv();
            unlock(c, norder, alone);
            received(i, v);
            return true;
        }
        if (c.closed) {
            unlock(c, norder, alone);
            received(i, c.closedRecv());
            return true;
        }
        return false;
    }

    private void unlock(Chan<?> c, int norder, boolean alone) {
        if (alone) {
            c.unlock();
        } else {
            selunlock(norder);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void received(int i, Object v) {
        var body = (Consumer) cases[i * STRIDE + 2];
        if (ints[i] == RECV_OK) {
            body.accept(v == Chan.CLOSED ? new Received<>(null, false) : new Received<>(v, true));
        } else {
            body.accept(v == Chan.CLOSED ? null : v);
        }
    }

    /** Locks every distinct channel in lock order (Go's {@code sellock}). */
    private void sellock(int norder) {
        int lock = 2 * capacity;
        Chan<?> previous = null;
        for (int k = 0; k < norder; k++) {
            Chan<?> c = chan(ints[lock + k]);
            if (c != previous) {
                c.lock();
                previous = c;
            }
        }
    }

    /** Unlocks them in reverse order (Go's {@code selunlock}). */
    private void selunlock(int norder) {
        int lock = 2 * capacity;
        Chan<?> previous = null;
        for (int k = norder - 1; k >= 0; k--) {
            Chan<?> c = chan(ints[lock + k]);
            if (c != previous) {
                c.unlock();
                previous = c;
            }
        }
    }
}

package dev.gokata.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The goroutines of one program, for dumps and leak checks: registering and leaving cost a few plain stores, so that
 * {@code go} stays cheap, and listing is exact.
 *
 * <p>Implementation note. Goroutines take slots in blocks of {@code BLOCK}, newest block first in a singly linked
 * list. A start takes the next slot of the head block ({@code getAndAdd} on its {@code taken}, contended only by
 * concurrent starts) and stores its goroutine there; the start that finds the head block full pushes a new block with
 * one CAS. A goroutine leaves by overwriting its own slot with {@link #GONE}. Both stores are release stores (plain
 * stores on x86, where a volatile one costs a fence): the program's counts, which the caller updates next with a
 * volatile read-modify-write, publish them to any reader that reads the counts first. Starts and exits never contend
 * on a shared table, a departed goroutine is garbage at once, and a reader scans blocks a cache line of slots at a
 * time (a {@code ConcurrentHashMap} key set cost about 0.2 µs per goroutine; one node per goroutine, pruned by a
 * walk, cost a cache miss per departed goroutine). A slot is null until its goroutine is stored, so a
 * block is removable only when all its slots were handed out and every one holds {@code GONE}; it then stays so
 * forever. {@link #prune} unlinks such blocks behind the head, one pruner at a time (CAS on {@code pruning}); starts
 * only change the head, so the pruner alone writes the links behind it, and it only ever changes a link to skip
 * removable blocks while a removed block keeps its own link: a concurrent reader, wherever it stands, still reaches
 * every registered goroutine. Pruning runs when the head block's sequence number reaches {@code pruneAt}, set to
 * as many blocks later as survived (at least {@code MIN_PRUNE_BLOCKS}): amortised O(1) per start, and at most about
 * twice the surviving blocks plus that minimum are kept while goroutines start; and before every listing, which walks
 * them all anyway.
 */
final class Registry {
    /** The mark of a slot whose goroutine has left. */
    static final Goroutine GONE = new Goroutine(null, 0, 0, null, false);
    private static final int BLOCK = 64;
    private static final int MIN_PRUNE_BLOCKS = 16;
    private static final VarHandle HEAD;
    private static final VarHandle PRUNING;
    private static final VarHandle TAKEN;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Goroutine[].class);

    static {
        try {
            var lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(Registry.class, "head", Block.class);
            PRUNING = lookup.findVarHandle(Registry.class, "pruning", boolean.class);
            TAKEN = lookup.findVarHandle(Block.class, "taken", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A block of slots. {@code taken} counts the slots handed out and may run past {@code BLOCK} once full. */
    static final class Block {
        final Goroutine[] slots = new Goroutine[BLOCK];
        final long seq;
        @SuppressWarnings("unused") // accessed through TAKEN
        volatile int taken;
        /** The next older block; written before publication, then only by the pruner. */
        volatile Block next;

        Block(long seq, Block next) {
            this.seq = seq;
            this.next = next;
        }
    }

    @SuppressWarnings("unused") // accessed through HEAD
    private volatile Block head = new Block(0, null);
    @SuppressWarnings("unused") // accessed through PRUNING
    private volatile boolean pruning;
    /** The head block's sequence number from which a start prunes; written only by the pruner. */
    private volatile long pruneAt = MIN_PRUNE_BLOCKS;

    /** Registers {@code g}, before its thread starts. */
    void add(Goroutine g) {
        while (true) {
            var b = (Block) HEAD.getVolatile(this);
            int i = (int) TAKEN.getAndAdd(b, 1);
            if (i < BLOCK) {
                g.registeredAt(b, i);
                SLOT.setRelease(b.slots, i, g);
                return;
            }
            var fresh = new Block(b.seq + 1, b);
            fresh.taken = 1;
            fresh.slots[0] = g;
            g.registeredAt(fresh, 0);
            if (HEAD.compareAndSet(this, b, fresh)) {
                if (fresh.seq >= pruneAt) {
                    prune();
                }
                return;
            }
        }
    }

    /**
     * Whether the goroutine registered last has not begun to run yet: a racy hint, read without a lock. Goroutines
     * start in the order they register, so while this holds, new goroutines wait in the scheduler's queue.
     */
    boolean newestNotBegun() {
        var b = (Block) HEAD.getAcquire(this);
        int n = Math.min((int) TAKEN.getOpaque(b), BLOCK);
        if (n == 0) {
            return false;
        }
        var g = (Goroutine) SLOT.getOpaque(b.slots, n - 1);
        return g == null || g != GONE && !g.hasBegun(); // null: being stored, about to start
    }

    /** Takes {@code g} out; the caller's next update of the program's counts publishes it (see the class comment). */
    static void remove(Goroutine g) {
        SLOT.setRelease(g.registryBlock().slots, g.registrySlot(), GONE);
    }

    /**
     * The registered goroutines, in no particular order. Prunes first: starts prune only as the registry grows, so
     * after a crowd of goroutines has come and gone their blocks would stay until the next crowd, and every listing
     * (a virtual thread's first use of the runtime looks through it) would walk them all.
     */
    List<Goroutine> list() {
        prune();
        var out = new ArrayList<Goroutine>();
        for (var b = (Block) HEAD.getVolatile(this); b != null; b = b.next) {
            int n = Math.min((int) TAKEN.getVolatile(b), BLOCK);
            for (int i = 0; i < n; i++) {
                var g = (Goroutine) SLOT.getVolatile(b.slots, i);
                if (g != null && g != GONE) {
                    out.add(g);
                }
            }
        }
        return out;
    }

    /** The number of blocks linked now (for tests). */
    int blocks() {
        int n = 0;
        for (var b = (Block) HEAD.getVolatile(this); b != null; b = b.next) {
            n++;
        }
        return n;
    }

    private void prune() {
        if (!PRUNING.compareAndSet(this, false, true)) {
            return;
        }
        try {
            var pred = (Block) HEAD.getVolatile(this);
            long survivors = 1;
            for (Block b = pred.next; b != null; b = b.next) {
                if (!removable(b)) {
                    if (pred.next != b) {
                        pred.next = b;
                    }
                    pred = b;
                    survivors++;
                }
            }
            if (pred.next != null) {
                pred.next = null;
            }
            pruneAt = ((Block) HEAD.getVolatile(this)).seq + Math.max(survivors, MIN_PRUNE_BLOCKS);
        } finally {
            PRUNING.setVolatile(this, false);
        }
    }

    private static boolean removable(Block b) {
        if ((int) TAKEN.getVolatile(b) < BLOCK) {
            return false;
        }
        for (int i = 0; i < BLOCK; i++) {
            if (SLOT.getVolatile(b.slots, i) != GONE) {
                return false;
            }
        }
        return true;
    }
}

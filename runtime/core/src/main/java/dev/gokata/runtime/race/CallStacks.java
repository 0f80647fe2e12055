package dev.gokata.runtime.race;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The call stacks of instrumented code, interned: a node is a path of call sites, so that a shadow can keep the stack
 * of an access in one int, and a report can print the previous access's stack as Go does.
 *
 * <p>A node is the path of the last {@link #DEPTH} calls at most, outermost first: {@code child(node, site)} is
 * {@code node}'s path with the call at {@code site} appended, its outermost call dropped if it already had
 * {@value #DEPTH}. A report prints an access's own frame and then its {@value #DEPTH} innermost callers at most
 * (Go's and the current access's eight frames), so an outer frame is never missed; and recursion cannot grow the
 * table past the distinct paths of {@value #DEPTH} calls, where a path from the root would grow with each level.
 *
 * <p>Implementation note. The instrumented code calls {@link #child} before every call, so its usual case is one
 * array load: each call site remembers the last (node, child) it saw, packed in a long, as an inline cache does; a
 * path is reached from one node in the usual program, so the cache misses only in a helper called from several
 * places. The cache is read with acquire and written with release, so a node id seen there comes with the node it
 * names. Misses look up {@code IDS}; nodes are created under the class lock. Once {@value #MAX_NODES} nodes exist, a
 * new path is {@link #LOST}: its accesses are reported with their own frame only, as before stacks were kept.
 */
final class CallStacks {
    /** The path of a thread's first instrumented frame: no calls. */
    static final int ROOT = 0;
    /** A path that did not fit in the table; its extensions are lost too. */
    static final int LOST = -1;
    /** Calls kept per path: with the access's own frame, the eight frames a report shows. */
    static final int DEPTH = 7;
    /** A bound on the table: at about 100 bytes a node, a few MB. */
    static final int MAX_NODES = 1 << 16;

    /** A path: {@code parent}'s calls, then the one at {@code site}; {@code tail}: the path without its first call. */
    private record Node(int parent, int site, int depth, int tail) {
    }

    private static final VarHandle CACHE_SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    /** Per call site id: the last node it was called from (high half) and the child it gave (low half; 0: none). */
    private static volatile long[] cache = new long[1024];
    private static volatile Node[] nodes = {new Node(ROOT, 0, 0, ROOT)};
    /** {@code (parent << 32) | site} to the node's id. */
    private static final ConcurrentHashMap<Long, Integer> IDS = new ConcurrentHashMap<>();
    /** Guarded by the class lock. */
    private static int count = 1;

    private CallStacks() {
    }

    /** The path of a callee called at {@code site} by code on path {@code node}. */
    static int child(int node, int site) {
        long[] c = cache;
        if (site < c.length) {
            long e = (long) CACHE_SLOT.getAcquire(c, site);
            if ((int) (e >>> 32) == node && (int) e != 0) {
                return (int) e;
            }
        }
        return childSlow(node, site);
    }

    private static int childSlow(int node, int site) {
        if (node == LOST) {
            return LOST;
        }
        Node n = nodes[node];
        int child = intern(n.depth() == DEPTH ? n.tail() : node, site);
        long[] c = cache;
        if (site >= c.length) {
            c = growCache(site);
        }
        CACHE_SLOT.setRelease(c, site, ((long) node << 32) | (child & 0xffff_ffffL));
        return child;
    }

    private static synchronized long[] growCache(int site) {
        long[] c = cache;
        if (site >= c.length) {
            c = Arrays.copyOf(c, Math.max(site + 1, c.length * 2));
            cache = c;
        }
        return c;
    }

    private static int intern(int parent, int site) {
        Integer id = IDS.get(key(parent, site));
        return id != null ? id : create(parent, site);
    }

    private static synchronized int create(int parent, int site) {
        Integer id = IDS.get(key(parent, site));
        if (id != null) {
            return id;
        }
        if (parent == LOST || count >= MAX_NODES) {
            return LOST;
        }
        Node p = nodes[parent];
        int tail = p.depth() == 0 ? ROOT : intern(p.tail(), site); // may create nodes: reentrant
        if (count >= MAX_NODES) {
            return LOST;
        }
        Node[] a = nodes;
        int n = count++;
        if (n >= a.length) {
            a = Arrays.copyOf(a, a.length * 2);
        }
        a[n] = new Node(parent, site, p.depth() + 1, tail);
        nodes = a;
        IDS.put(key(parent, site), n);
        return n;
    }

    private static long key(int parent, int site) {
        return ((long) parent << 32) | (site & 0xffff_ffffL);
    }

    /** The call sites of {@code node}'s path, innermost first; none for the root or a lost path. */
    static int[] sites(int node) {
        if (node <= ROOT) {
            return new int[0];
        }
        Node[] a = nodes;
        int[] sites = new int[a[node].depth()];
        for (int i = 0, n = node; i < sites.length; i++, n = a[n].parent()) {
            sites[i] = a[n].site();
        }
        return sites;
    }
}

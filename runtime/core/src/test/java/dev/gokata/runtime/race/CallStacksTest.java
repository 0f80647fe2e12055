package dev.gokata.runtime.race;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The interned call paths of earlier accesses, and the shadow keeping an access's path with its site. */
@Timeout(10)
class CallStacksTest {

    /** Call site ids of this test only: the table is shared by the JVM and never cleared. */
    private static int site(int line) {
        return Sites.site("stacks.Caller", "m", "Caller.java", line, Sites.CALL);
    }

    @Test
    void givenNestedCalls_whenInterned_thenSitesInnermostFirstAndOnePathOneNode() throws Exception {
        int a = site(1);
        int b = site(2);
        int outer = CallStacks.child(CallStacks.ROOT, a);
        int inner = CallStacks.child(outer, b);
        assertArrayEquals(new int[] {b, a}, CallStacks.sites(inner));
        assertArrayEquals(new int[0], CallStacks.sites(CallStacks.ROOT));
        assertEquals(inner, CallStacks.child(outer, b), "the call site's cache");
        assertNotEquals(inner, CallStacks.child(CallStacks.ROOT, b));
        assertEquals(inner, CallStacks.child(outer, b), "the cache, after a miss at the same site");
        var other = new AtomicInteger();
        Thread t = Thread.ofPlatform()
                .start(() -> other.set(CallStacks.child(CallStacks.child(CallStacks.ROOT, a), b)));
        t.join();
        assertEquals(inner, other.get(), "another thread on the same path");
    }

    @Test
    void givenDeepRecursion_whenInterned_thenTheInnermostCallsKeptAndNoNewNodes() {
        int entry = site(10);
        int recurse = site(11);
        int node = CallStacks.child(CallStacks.ROOT, entry);
        int[] ids = new int[100];
        for (int i = 0; i < ids.length; i++) {
            node = CallStacks.child(node, recurse);
            ids[i] = node;
        }
        int[] innermost = new int[CallStacks.DEPTH];
        Arrays.fill(innermost, recurse);
        assertArrayEquals(innermost, CallStacks.sites(node));
        assertEquals(CallStacks.DEPTH, Arrays.stream(ids).distinct().count(), "one node per depth, then the same");
        int[] shallow = CallStacks.sites(ids[CallStacks.DEPTH - 3]);
        assertEquals(entry, shallow[shallow.length - 1], "before the bound, the path still starts at the entry");
    }

    @Test
    void givenAccessOnAPath_whenAnotherThreadConflicts_thenTheConflictKeepsThePath() throws Exception {
        var x = new Shadow();
        int path = CallStacks.child(CallStacks.child(CallStacks.ROOT, site(20)), site(21));
        Thread first = Thread.ofPlatform().start(() -> {
            ThreadState t = ThreadState.current();
            t.node = path;
            x.write(t, 22);
        });
        first.join();
        var conflict = new AtomicReference<Shadow.Conflict>();
        Thread second = Thread.ofPlatform().start(() -> conflict.set(x.read(ThreadState.current(), 23)));
        second.join();
        assertNotNull(conflict.get());
        assertEquals(22, conflict.get().site());
        assertEquals(path, conflict.get().node());
    }
}

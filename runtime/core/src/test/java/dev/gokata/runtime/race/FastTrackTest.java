package dev.gokata.runtime.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.FuncName;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The vector clocks and FastTrack's rules, driven directly with real threads ordered by join. */
@Timeout(10)
class FastTrackTest {

    /** Runs {@code body} in a new platform thread and returns its result; the detector sees no edge for the join. */
    private static <T> T inThread(Callable<T> body) throws InterruptedException {
        var result = new AtomicReference<T>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                result.set(body.call());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.join();
        return result.get();
    }

    @Test
    void givenTwoClocks_whenJoined_thenElementWiseMaximumAndCoverage() {
        var a = new VectorClock();
        a.set(1, 5);
        a.set(3, 2);
        var b = new VectorClock();
        b.set(2, 7);
        b.set(3, 4);
        a.join(b);
        assertEquals(5, a.get(1));
        assertEquals(7, a.get(2));
        assertEquals(4, a.get(3));
        assertTrue(a.covers(Epoch.of(2, 7)));
        assertFalse(a.covers(Epoch.of(2, 8)));
        assertFalse(a.covers(Epoch.of(9, 1)));
    }

    @Test
    void givenUnorderedWrites_whenSecondWrites_thenWriteWriteConflict() throws Exception {
        var x = new Shadow();
        assertNull(inThread(() -> x.write(ThreadState.current(), 11)));
        Shadow.Conflict c = inThread(() -> x.write(ThreadState.current(), 12));
        assertNotNull(c);
        assertTrue(c.write());
        assertEquals(11, c.site());
    }

    @Test
    void givenReleaseAcquire_whenSecondWrites_thenNoConflict() throws Exception {
        var x = new Shadow();
        var clock = new SyncClock();
        assertNull(inThread(() -> {
            ThreadState t = ThreadState.current();
            Shadow.Conflict c = x.write(t, 21);
            clock.release(t);
            return c;
        }));
        assertNull(inThread(() -> {
            ThreadState t = ThreadState.current();
            clock.acquire(t);
            return x.write(t, 22);
        }));
    }

    @Test
    void givenOrderedWrite_whenUnorderedReadFollows_thenWriteReadConflict() throws Exception {
        var x = new Shadow();
        inThread(() -> x.write(ThreadState.current(), 31));
        Shadow.Conflict c = inThread(() -> x.read(ThreadState.current(), 32));
        assertNotNull(c);
        assertTrue(c.write());
        assertEquals(31, c.site());
    }

    @Test
    void givenSharedReads_whenWriterSawOnlyOne_thenConflictWithTheOther() throws Exception {
        var x = new Shadow();
        var afterFirst = new SyncClock();
        inThread(() -> {
            ThreadState t = ThreadState.current();
            x.read(t, 41);
            afterFirst.release(t);
            return null;
        });
        inThread(() -> x.read(ThreadState.current(), 42)); // concurrent with the first: read-shared mode
        Shadow.Conflict c = inThread(() -> {
            ThreadState t = ThreadState.current();
            afterFirst.acquire(t);
            return x.write(t, 43);
        });
        assertNotNull(c);
        assertFalse(c.write());
        assertEquals(42, c.site());
    }

    @Test
    void givenOneThread_whenItReadsAndWritesRepeatedly_thenNeverAConflict() throws Exception {
        var x = new Shadow();
        assertNull(inThread(() -> {
            ThreadState t = ThreadState.current();
            for (int i = 0; i < 1000; i++) {
                if (x.read(t, 51) != null || x.write(t, 52) != null) {
                    return "conflict";
                }
                if (i % 100 == 0) {
                    new SyncClock().release(t);
                }
            }
            return null;
        }));
    }

    @Test
    void givenAReleaseOfTheRuntime_whenChildAcquires_thenOrdered() throws Exception {
        var x = new Shadow();
        var forked = new AtomicReference<SyncClock>();
        inThread(() -> {
            ThreadState t = ThreadState.current();
            x.write(t, 61);
            var clock = new SyncClock();
            clock.release(t);
            forked.set(clock);
            return null;
        });
        assertNull(inThread(() -> {
            ThreadState t = ThreadState.current();
            forked.get().acquire(t);
            return x.read(t, 62);
        }));
    }

    @Test
    void givenLinkedClock_whenAcquired_thenLinkIsAcquiredToo() throws Exception {
        var x = new Shadow();
        var task = new SyncClock();
        var future = new SyncClock();
        future.link(task);
        inThread(() -> {
            ThreadState t = ThreadState.current();
            x.write(t, 71);
            task.release(t);
            return null;
        });
        assertNull(inThread(() -> {
            ThreadState t = ThreadState.current();
            future.acquire(t);
            return x.write(t, 72);
        }));
    }

    @Test
    void givenLambdaMethod_whenNamed_thenGoClosureName() {
        assertEquals("kata.Join.main.func1", FuncName.of("kata.Join", "lambda$main$0"));
        assertEquals("kata.Join.run", FuncName.of("kata.Join", "run"));
    }

    @Test
    void givenReset_whenAnotherThreadWrites_thenNoConflictWithTheForgottenWrite() throws Exception {
        var owner = new Object();
        inThread(() -> ThreadState.current().shadowOf(owner).field(1).write(ThreadState.current(), 81));
        RaceDetector.reset();
        assertNull(inThread(() -> ThreadState.current().shadowOf(owner).field(1).write(ThreadState.current(), 82)));
        assertTrue(inThread(() -> ThreadState.current().tid) < 10);
    }

    /**
     * A sync clock that outlives a reset (a runtime object kept from one test to the next) holds the old threads'
     * clocks under slots that the reset gives out again from 1: acquiring it must not order a new thread's access
     * before the acquirer. Looked for after channel's shared-variable-and-sleep fixture once passed a test that its
     * race should fail (not reproduced, so not shown to be that case's cause).
     */
    @Test
    void givenAClockKeptAcrossAReset_whenAcquiredAfterIt_thenItHidesNoRaceOfTheNewThreads() throws Exception {
        RaceDetector.reset();
        var kept = new SyncClock();
        for (int thread = 0; thread < 2; thread++) {
            inThread(() -> {
                ThreadState t = ThreadState.current();
                for (int i = 0; i < 100; i++) {
                    kept.release(t);
                }
                return null;
            });
        }
        RaceDetector.reset();
        var x = new Shadow();
        assertNull(inThread(() -> x.write(ThreadState.current(), 101)));
        Shadow.Conflict c = inThread(() -> {
            ThreadState t = ThreadState.current();
            kept.acquire(t);
            return x.read(t, 102);
        });
        assertNotNull(c, "the write in a thread after the reset and this read are unordered");
        assertEquals(101, c.site());
        RaceDetector.reset();
    }

    @Test
    void givenManyDeadThreads_whenAnotherStarts_thenItRecyclesASlotAndOldEpochsKeepTheirThread() throws Exception {
        RaceDetector.reset();
        var x = new Shadow();
        inThread(() -> x.write(ThreadState.current(), 91));
        int oldTid = inThread(() -> ThreadState.current().tid); // not the writer; just a slot in use before churn
        for (int i = 0; i < 700; i++) {
            inThread(ThreadState::current);
        }
        int tid = inThread(() -> ThreadState.current().tid);
        assertTrue(tid < 700, "a recycled slot, not a new one: " + tid);
        Shadow.Conflict c = inThread(() -> x.write(ThreadState.current(), 92));
        if (c != null) { // the writer's slot was not recycled for this thread: the conflict names the old writer
            ThreadInfo writer = ThreadState.info(c.tid(), c.clock());
            assertNotNull(writer);
            assertTrue(writer.startClock <= c.clock());
        }
        assertTrue(oldTid > 0);
        RaceDetector.reset();
    }
}

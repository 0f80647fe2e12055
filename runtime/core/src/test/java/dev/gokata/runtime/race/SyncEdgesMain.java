package dev.gokata.runtime.race;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.CancelableContext;
import dev.gokata.runtime.Cond;
import dev.gokata.runtime.Context;
import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.Mutex;
import dev.gokata.runtime.Once;
import dev.gokata.runtime.Outcome;
import dev.gokata.runtime.Pool;
import dev.gokata.runtime.Program;
import dev.gokata.runtime.RWMutex;
import dev.gokata.runtime.WaitGroup;
import dev.gokata.runtime.WaitReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Run with {@code -Dgokata.race=true} (by {@link SyncEdgesTest}): drives shadow variables directly from goroutines
 * that are ordered only by one sync primitive each, and prints {@code OK} when the detector saw the primitive's
 * happens-before edge every time (and saw the race of an unsynchronised control case).
 */
public final class SyncEdgesMain {
    private static final List<String> FAILURES = Collections.synchronizedList(new ArrayList<>());

    private SyncEdgesMain() {
    }

    public static void main(String[] args) {
        if (!Race.ENABLED) {
            System.out.println("race detector off");
            System.exit(3);
        }
        scenario("control: unsynchronised writes race", true, SyncEdgesMain::unsynchronised);
        scenario("Mutex: unlock -> next lock", false, SyncEdgesMain::mutex);
        scenario("RWMutex: Unlock -> RLock, RUnlock -> Lock", false, SyncEdgesMain::rwMutex);
        scenario("WaitGroup: done -> await", false, SyncEdgesMain::waitGroup);
        scenario("Once: first call -> every return", false, SyncEdgesMain::once);
        scenario("Cond: signal -> woken wait", false, SyncEdgesMain::cond);
        scenario("Cond: broadcast -> woken waits", false, SyncEdgesMain::broadcast);
        scenario("Pool: put -> get", false, SyncEdgesMain::pool);
        scenario("Context: cancel -> done observed", false, SyncEdgesMain::context);
        if (FAILURES.isEmpty()) {
            System.out.println("OK");
            System.exit(0);
        }
        FAILURES.forEach(System.out::println);
        System.exit(1);
    }

    /** A shadowed variable: every access reports whether the detector found a race. */
    private static final class Var {
        private final Shadow shadow = new Shadow();
        private final List<Shadow.Conflict> races = Collections.synchronizedList(new ArrayList<>());

        void write(int site) {
            record(shadow.write(ThreadState.current(), site));
        }

        void read(int site) {
            record(shadow.read(ThreadState.current(), site));
        }

        private void record(Shadow.Conflict c) {
            if (c != null) {
                races.add(c);
            }
        }
    }

    private static void scenario(String name, boolean expectRace, Consumer<Var> body) {
        var x = new Var();
        Outcome o = new Program().run(() -> body.accept(x), Duration.ofSeconds(20));
        if (!(o instanceof Outcome.Exited)) {
            FAILURES.add(name + ": program ended with " + o.report());
        } else if (expectRace == x.races.isEmpty()) {
            FAILURES.add(name + ": expected " + (expectRace ? "a race" : "no race") + ", got " + x.races);
        }
    }

    private static void unsynchronised(Var x) {
        var done = new WaitGroup();
        done.add(2);
        go(() -> {
            x.write(1);
            done.done();
        });
        go(() -> {
            x.write(2);
            done.done();
        });
        done.await();
    }

    private static void mutex(Var x) {
        var mu = new Mutex();
        var wg = new WaitGroup();
        for (int i = 0; i < 8; i++) {
            int site = i;
            wg.add(1);
            go(() -> {
                mu.lock();
                x.read(site);
                x.write(site);
                mu.unlock();
                wg.done();
            });
        }
        wg.await();
    }

    private static void rwMutex(Var x) {
        var rw = new RWMutex();
        var wg = new WaitGroup();
        for (int i = 0; i < 12; i++) {
            int site = i;
            boolean writer = i % 3 == 0;
            wg.add(1);
            go(() -> {
                if (writer) {
                    rw.lock();
                    x.write(site);
                    rw.unlock();
                } else {
                    rw.rLock();
                    x.read(site);
                    rw.rUnlock();
                }
                wg.done();
            });
        }
        wg.await();
    }

    private static void waitGroup(Var x) {
        var wg = new WaitGroup();
        wg.add(1);
        go(() -> {
            x.write(1);
            wg.done();
        });
        wg.await();
        x.write(2);
    }

    private static void once(Var x) {
        var once = new Once();
        var wg = new WaitGroup();
        for (int i = 0; i < 10; i++) {
            int site = i;
            wg.add(1);
            go(() -> {
                once.run(() -> x.write(100));
                x.read(site);
                wg.done();
            });
        }
        wg.await();
    }

    private static void cond(Var x) {
        var c = new Cond(new Mutex());
        var wg = new WaitGroup();
        wg.add(2);
        Goroutine waiter = go(() -> {
            c.l().lock();
            c.await();
            x.read(1);
            c.l().unlock();
            wg.done();
        });
        awaitWaiting(waiter, WaitReason.COND_WAIT);
        go(() -> {
            x.write(2);
            c.signal();
            wg.done();
        });
        wg.await();
    }

    private static void broadcast(Var x) {
        var c = new Cond(new Mutex());
        var wg = new WaitGroup();
        var waiters = new ArrayList<Goroutine>();
        for (int i = 0; i < 3; i++) {
            int site = i;
            wg.add(1);
            waiters.add(go(() -> {
                c.l().lock();
                c.await();
                x.read(site);
                c.l().unlock();
                wg.done();
            }));
        }
        waiters.forEach(w -> awaitWaiting(w, WaitReason.COND_WAIT));
        wg.add(1);
        go(() -> {
            x.write(9);
            c.broadcast();
            wg.done();
        });
        wg.await();
    }

    private static void pool(Var x) {
        var pool = new Pool<Object>(null);
        var wg = new WaitGroup();
        wg.add(2);
        go(() -> {
            x.write(1);
            pool.put(new Object());
            wg.done();
        });
        go(() -> {
            while (pool.get() == null) {
                Thread.onSpinWait();
                Thread.yield();
            }
            x.write(2);
            wg.done();
        });
        wg.await();
    }

    private static void context(Var x) {
        CancelableContext ctx = Context.withCancel(Context.background());
        var wg = new WaitGroup();
        wg.add(2);
        go(() -> {
            ctx.done().recv();
            x.read(1);
            wg.done();
        });
        go(() -> {
            x.write(2);
            ctx.cancel();
            wg.done();
        });
        wg.await();
    }

    /** Polls the goroutine's state: no happens-before edge for the detector, unlike a runtime primitive. */
    private static void awaitWaiting(Goroutine g, WaitReason reason) {
        var seen = new AtomicReference<WaitReason>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            seen.set(g.waitReason().orElse(null));
            if (seen.get() == reason) {
                return;
            }
            LockSupport.parkNanos(100_000);
        }
        throw new AssertionError(g + " never waited for " + reason);
    }
}

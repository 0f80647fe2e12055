package cond;

import static dev.gokata.runtime.Go.*;

import dev.gokata.runtime.Cond;
import dev.gokata.runtime.Mutex;
import dev.gokata.runtime.WaitGroup;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A goroutine suspended on a Cond until a shared map is populated, instead of polling it. */
public class Signal {
    private final Map<String, String> sharedRsc = new HashMap<>(); // guarded by c.l()
    private final Cond c = new Cond(new Mutex());

    /** The condition the waiter waits for to become false; call it only while holding the lock. */
    protected boolean isEmpty() {
        return sharedRsc.isEmpty();
    }

    /** Suspends the calling goroutine until sharedRsc is populated, then prints {@code sharedRsc["rsc1"]}. */
    public void waiter() {
        c.l().lock();
        try {
            while (isEmpty()) {
                c.await();
            }
            System.out.println(sharedRsc.get("rsc1"));
        } finally {
            c.l().unlock();
        }
    }

    /** Populates sharedRsc and wakes the waiter. */
    public void writer() {
        c.l().lock();
        try {
            sharedRsc.put("rsc1", "foo");
            c.signal();
        } finally {
            c.l().unlock();
        }
    }

    /** Starts the waiter, and writes after {@code writerDelay}; waits for the waiter to print. */
    public void run(Duration writerDelay) {
        var wg = new WaitGroup();
        wg.add(1);
        go(() -> {
            try {
                waiter();
            } finally {
                wg.done();
            }
        });
        sleep(writerDelay);
        writer();
        wg.await();
    }

    public static void main(String[] args) {
        new Signal().run(Duration.ofMillis(100));
    }
}

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
    private final Map<String, String> sharedRsc = new HashMap<>();
    // TODO: a Cond (with a Mutex as its Locker) that guards sharedRsc.

    /** The condition the waiter waits for to become false; call it only while holding the lock. */
    protected boolean isEmpty() {
        return sharedRsc.isEmpty();
    }

    /** Suspends the calling goroutine until sharedRsc is populated, then prints {@code sharedRsc["rsc1"]}. */
    public void waiter() {
        // TODO: suspend the goroutine until sharedRsc is populated, instead of polling it.
        while (isEmpty()) {
            sleep(Duration.ofMillis(1));
        }
        System.out.println(sharedRsc.get("rsc1"));
    }

    /** Populates sharedRsc and wakes the waiter. */
    public void writer() {
        // TODO: populate sharedRsc under the lock, and signal the waiter.
        sharedRsc.put("rsc1", "foo");
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

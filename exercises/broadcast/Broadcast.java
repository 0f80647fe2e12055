package broadcast;

import static dev.gokata.runtime.Go.*;

import dev.gokata.runtime.Cond;
import dev.gokata.runtime.Mutex;
import dev.gokata.runtime.WaitGroup;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Two goroutines wait on one Cond for their keys; one Broadcast wakes them both. */
public class Broadcast {
    private final Map<String, String> sharedRsc = new HashMap<>();
    // TODO: a Cond (with a Mutex as its Locker) that guards sharedRsc.

    /** Whether {@code key} is still missing; call it only while holding the lock. */
    protected boolean missing(String key) {
        return !sharedRsc.containsKey(key);
    }

    /** Suspends the calling goroutine until {@code key} is in sharedRsc, then prints its value. */
    public void waiter(String key) {
        // TODO: suspend the goroutine until key is in sharedRsc, instead of polling.
        while (missing(key)) {
            sleep(Duration.ofMillis(1));
        }
        System.out.println(sharedRsc.get(key));
    }

    /** Writes rsc1 = foo and rsc2 = bar, and wakes every waiter at once. */
    public void writer() {
        // TODO: write both keys under the lock, then wake every waiter with one call.
        sharedRsc.put("rsc1", "foo");
        sharedRsc.put("rsc2", "bar");
    }

    /** Starts a waiter for rsc1 and one for rsc2, writes after {@code writerDelay}, and waits for both waiters. */
    public void run(Duration writerDelay) {
        var wg = new WaitGroup();
        for (String key : new String[] {"rsc1", "rsc2"}) {
            wg.add(1);
            go(() -> {
                try {
                    waiter(key);
                } finally {
                    wg.done();
                }
            });
        }
        sleep(writerDelay);
        writer();
        wg.await();
    }

    public static void main(String[] args) {
        new Broadcast().run(Duration.ofMillis(100)); // by then both waiters are asleep: the writer must wake both
    }
}

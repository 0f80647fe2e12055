package corpus;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** An atomic counter, and data published through an AtomicBoolean and an AtomicReference. */
public class SafeAtomics {
    int data;

    public static void main(String[] args) throws InterruptedException {
        var count = new AtomicInteger();
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int j = 0; j < 100; j++) {
                    count.incrementAndGet();
                }
            }));
        }
        var p = new SafeAtomics();
        var ready = new AtomicBoolean();
        var box = new AtomicReference<SafeAtomics>();
        Thread.ofPlatform().start(() -> {
            p.data = 1;
            ready.set(true);
            var q = new SafeAtomics();
            q.data = 2;
            box.set(q);
        });
        while (!ready.get() || box.get() == null) {
            Thread.onSpinWait();
        }
        System.out.println(p.data + box.get().data);
        for (Thread t : threads) {
            t.join();
        }
        System.out.println(count.get());
    }
}

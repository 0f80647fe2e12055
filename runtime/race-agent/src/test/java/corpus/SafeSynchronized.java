package corpus;

import static dev.gokata.runtime.Go.go;

import java.util.ArrayList;

/** A counter behind synchronized blocks and a synchronized method, including one that exits by an exception. */
public class SafeSynchronized {
    private long count;
    private long other;

    synchronized void bump() {
        other++;
    }

    synchronized void failAfterWrite() {
        other++;
        throw new IllegalStateException("boom");
    }

    static synchronized void noop() {
    }

    public static void main(String[] args) throws InterruptedException {
        var c = new SafeSynchronized();
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < 8; i++) {
            threads.add(go(() -> {
                for (int j = 0; j < 100; j++) {
                    synchronized (c) {
                        c.count++;
                    }
                    c.bump();
                    try {
                        c.failAfterWrite();
                    } catch (IllegalStateException expected) {
                        noop();
                    }
                }
            }).thread());
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println(c.count + " " + c.other);
    }
}

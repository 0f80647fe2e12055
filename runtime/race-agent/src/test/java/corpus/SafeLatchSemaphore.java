package corpus;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;

/** A CountDownLatch and a Semaphore publishing data, a CyclicBarrier between phases. */
public class SafeLatchSemaphore {
    int fromLatch;
    int guarded;
    int[] phase = new int[2];

    public static void main(String[] args) throws Exception {
        var s = new SafeLatchSemaphore();
        var done = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            s.fromLatch = 3;
            done.countDown();
        });
        done.await();
        System.out.println(s.fromLatch);
        var permit = new Semaphore(1);
        var ts = new Thread[3];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = Thread.ofVirtual().start(() -> {
                permit.acquireUninterruptibly();
                try {
                    s.guarded++;
                } finally {
                    permit.release();
                }
            });
        }
        var barrier = new CyclicBarrier(2);
        Thread other = Thread.ofVirtual().start(() -> {
            s.phase[0] = 1;
            try {
                barrier.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        barrier.await();
        System.out.println(s.phase[0]);
        other.join();
        for (Thread t : ts) {
            t.join();
        }
        System.out.println(s.guarded);
    }
}

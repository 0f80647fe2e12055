package corpus;

import java.util.ArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** A ReentrantLock counter, a Condition hand-off and a read-write lock. */
public class SafeLocks {
    long count;
    String message;
    boolean sent;
    int config;

    public static void main(String[] args) throws InterruptedException {
        var s = new SafeLocks();
        var lock = new ReentrantLock();
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < 4; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int j = 0; j < 100; j++) {
                    lock.lock();
                    try {
                        s.count++;
                    } finally {
                        lock.unlock();
                    }
                }
            }));
        }
        Condition arrived = lock.newCondition();
        threads.add(Thread.ofVirtual().start(() -> {
            lock.lock();
            try {
                s.message = "hello";
                s.sent = true;
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }));
        lock.lock();
        try {
            while (!s.sent) {
                arrived.await();
            }
            System.out.println(s.message);
        } finally {
            lock.unlock();
        }
        var rw = new ReentrantReadWriteLock();
        Thread writer = Thread.ofVirtual().start(() -> {
            rw.writeLock().lock();
            try {
                s.config = 5;
            } finally {
                rw.writeLock().unlock();
            }
        });
        rw.readLock().lock();
        try {
            System.out.println(s.config);
        } finally {
            rw.readLock().unlock();
        }
        writer.join();
        for (Thread t : threads) {
            t.join();
        }
        System.out.println(s.count);
    }
}

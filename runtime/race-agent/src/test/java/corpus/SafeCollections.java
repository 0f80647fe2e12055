package corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/** Concurrent collections, a synchronized list, a HashMap behind a lock, and a blocking queue hand-off. */
public class SafeCollections {
    int payload;

    public static void main(String[] args) throws InterruptedException {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        List<Integer> synced = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> guarded = new HashMap<>();
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            threads.add(Thread.ofVirtual().start(() -> {
                counts.merge("k", 1, Integer::sum);
                synced.add(n);
                synchronized (guarded) {
                    guarded.merge("k", 1, Integer::sum);
                }
            }));
        }
        BlockingQueue<SafeCollections> queue = new ArrayBlockingQueue<>(1);
        threads.add(Thread.ofVirtual().start(() -> {
            var item = new SafeCollections();
            item.payload = 9;
            try {
                queue.put(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        SafeCollections got = queue.take();
        System.out.println(got.payload);
        for (Thread t : threads) {
            t.join();
        }
        synchronized (guarded) {
            System.out.println(counts.get("k") + " " + synced.size() + " " + guarded.get("k"));
        }
    }
}

package corpus;

import java.util.ArrayList;

/** Each thread writes its own part of an array; main reads it all after the joins. */
public class SafePartitionedArray {
    public static void main(String[] args) throws InterruptedException {
        int[] data = new int[1000];
        var threads = new ArrayList<Thread>();
        for (int p = 0; p < 4; p++) {
            int from = p * 250;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = from; i < from + 250; i++) {
                    data[i] = i;
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long sum = 0;
        for (int v : data) {
            sum += v;
        }
        System.out.println(sum);
    }
}

package corpus;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Mutex;
import dev.gokata.runtime.WaitGroup;

/** The 03-join solution and the 50x1000 counter behind a Mutex, joined with a WaitGroup. */
public class SafeWaitGroup {
    int data;
    long counter;

    public static void main(String[] args) {
        var s = new SafeWaitGroup();
        var wg = new WaitGroup();
        wg.add(1);
        go(() -> {
            s.data++;
            wg.done();
        });
        wg.await();
        System.out.println("the value of data is " + s.data);
        var mu = new Mutex();
        var all = new WaitGroup();
        for (int i = 0; i < 50; i++) {
            all.add(1);
            go(() -> {
                for (int j = 0; j < 1000; j++) {
                    mu.lock();
                    s.counter++;
                    mu.unlock();
                }
                all.done();
            });
        }
        all.await();
        System.out.println("counter: " + s.counter);
    }
}

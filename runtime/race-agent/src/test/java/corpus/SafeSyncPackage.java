package corpus;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Cond;
import dev.gokata.runtime.Mutex;
import dev.gokata.runtime.Once;
import dev.gokata.runtime.RWMutex;
import dev.gokata.runtime.WaitGroup;
import java.util.HashMap;
import java.util.Map;

/** The Cond map (21-cond solution), RWMutex readers and writer, and Once initialisation. */
public class SafeSyncPackage {
    boolean ready;
    int config;
    String loaded;

    public static void main(String[] args) {
        var s = new SafeSyncPackage();
        var mu = new Mutex();
        var cond = new Cond(mu);
        Map<String, String> shared = new HashMap<>();
        go(() -> {
            mu.lock();
            shared.put("rsc", "xxxx");
            s.ready = true;
            cond.signal();
            mu.unlock();
        });
        mu.lock();
        while (!s.ready) {
            cond.await();
        }
        System.out.println(shared.get("rsc"));
        mu.unlock();
        var rw = new RWMutex();
        var wg = new WaitGroup();
        wg.add(4);
        go(() -> {
            rw.lock();
            s.config++;
            rw.unlock();
            wg.done();
        });
        for (int i = 0; i < 3; i++) {
            go(() -> {
                rw.rLock();
                System.out.println(s.config);
                rw.rUnlock();
                wg.done();
            });
        }
        var once = new Once();
        var all = new WaitGroup();
        for (int i = 0; i < 4; i++) {
            all.add(1);
            go(() -> {
                once.run(() -> s.loaded = "config");
                System.out.println(s.loaded);
                all.done();
            });
        }
        wg.await();
        all.await();
        System.out.println(s.config + s.loaded);
    }
}

package corpus;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.WaitGroup;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Check-then-act on a concurrent set: no data race, but two goroutines can both find the key absent and act. */
public class CheckThenAct {
    public static void main(String[] args) {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        var acted = new AtomicInteger();
        var wg = new WaitGroup();
        wg.add(2);
        for (int i = 0; i < 2; i++) {
            go(() -> {
                try {
                    if (!seen.contains("k")) {
                        acted.incrementAndGet();
                        seen.add("k");
                    }
                } finally {
                    wg.done();
                }
            });
        }
        wg.await();
        System.out.println(acted.get() + " goroutines acted on the same key");
    }
}

package corpus;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Mutex;
import dev.gokata.runtime.WaitGroup;
import java.util.HashMap;
import java.util.Map;

/** The 21-cond kata with the runtime, done wrong: the map is read before the writer is waited for. */
public class RacyCondMapGo {
    public static void main(String[] args) {
        var mu = new Mutex();
        var wg = new WaitGroup();
        Map<String, String> shared = new HashMap<>();
        wg.add(1);
        go(() -> {
            mu.lock();
            shared.put("rsc", "xxxx"); // RACE
            mu.unlock();
            wg.done();
        });
        System.out.println(shared.get("rsc")); // RACE
        wg.await();
    }
}

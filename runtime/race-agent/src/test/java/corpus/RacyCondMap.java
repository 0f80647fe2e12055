package corpus;

import static dev.gokata.runtime.Go.go;

import java.util.HashMap;
import java.util.Map;

/** The 21-cond kata done wrong: the goroutine fills the map under the lock, main polls it without the lock. */
public class RacyCondMap {
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> shared = new HashMap<>();
        Object lock = new Object();
        Thread t = go(() -> {
            synchronized (lock) {
                shared.put("rsc", "xxxx"); // RACE
            }
        }).thread();
        while (shared.isEmpty()) { // RACE
            Thread.onSpinWait();
        }
        t.join();
    }
}

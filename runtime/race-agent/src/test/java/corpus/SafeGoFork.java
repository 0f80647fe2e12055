package corpus;

import static dev.gokata.runtime.Go.go;

import java.util.HashMap;
import java.util.Map;

/** What main did before the go statement happens before the goroutine; a map handed over is safe. */
public class SafeGoFork {
    public static void main(String[] args) throws InterruptedException {
        Map<String, Integer> config = new HashMap<>();
        config.put("workers", 4);
        int[] seen = new int[1];
        Thread t = go(() -> seen[0] = config.get("workers")).thread();
        t.join();
        System.out.println(seen[0]);
    }
}

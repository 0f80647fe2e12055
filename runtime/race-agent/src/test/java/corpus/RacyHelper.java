package corpus;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Goroutine;
import java.util.HashMap;
import java.util.Map;

/**
 * Both accesses inside helpers, as in a kata: the goroutine marks a URL seen through {@code crawl} and {@code visit};
 * main asks {@code missing} once the goroutine's thread has ended, which orders nothing (only a join does). So the
 * goroutine's write is always the previous access, and its stack shows the helper's line and its callers'.
 */
public class RacyHelper {
    private final Map<String, Boolean> seen = new HashMap<>();

    private void visit(String url) {
        seen.put(url, true); // RACE
    }

    private void crawl(String url) {
        visit(url);
    }

    private boolean missing(String url) {
        return !seen.containsKey(url); // RACE
    }

    public static void main(String[] args) {
        var c = new RacyHelper();
        Goroutine g = go(() -> c.crawl("https://golang.org/"));
        while (g.thread().isAlive()) {
            Thread.onSpinWait();
        }
        System.out.println("missing: " + c.missing("https://golang.org/"));
    }
}

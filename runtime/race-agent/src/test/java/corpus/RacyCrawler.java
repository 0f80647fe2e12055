package corpus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The web crawler sharing its visited map between fetchers with no lock (platform threads). */
public class RacyCrawler {
    static final Map<String, Boolean> VISITED = new HashMap<>();

    static void crawl(String url) {
        VISITED.put(url, true); // RACE
    }

    public static void main(String[] args) throws InterruptedException {
        var threads = List.of(new Thread(() -> crawl("https://golang.org/")),
                new Thread(() -> crawl("https://golang.org/pkg/")));
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        System.out.println(VISITED.size());
    }
}

package crawler;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;

/**
 * The Go Tour's web crawler, parallel: the coordinator pattern of the course's solution.
 *
 * <p>Implementation note: {@link #crawl} is the coordinator. Every fetch runs in its own goroutine and sends one
 * {@link Result} on {@code results}. Only the coordinator reads and writes {@code fetched} (so it needs no lock)
 * and counts the fetches still outstanding in {@code pending}; it returns when that count reaches zero, which
 * is exactly when every goroutine it started has sent its result and ended. A URL is marked when it is
 * scheduled, not when it is fetched, so two pages linking to the same URL never fetch it twice.
 */
public final class Crawler {
    private Crawler() {
    }

    /** What one fetch found: the page or its error, and the depth it was fetched at. */
    private record Result(String url, int depth, Page page, FetchError err) {
    }

    /**
     * Crawls pages starting with {@code url}, to a maximum of {@code depth} levels: depth 1 fetches only {@code url},
     * depth 2 also the pages it links to, and so on. Prints {@code found: <url> "<body>"} for each page fetched and
     * the error's message (e.g. {@code not found: <url>}) for each page that failed; a failed page does not stop
     * the crawl.
     */
    public static void crawl(String url, int depth, Fetcher fetcher, PrintStream out) {
        if (depth <= 0) {
            return;
        }
        Chan<Result> results = Chan.make();
        Set<String> fetched = new HashSet<>(); // only this goroutine touches it
        fetched.add(url);
        go(() -> fetch(url, depth, fetcher, results));
        for (int pending = 1; pending > 0; pending--) {
            Result r = results.recv();
            if (r.err() != null) {
                out.println(r.err().getMessage());
                continue;
            }
            out.printf("found: %s \"%s\"%n", r.url(), r.page().body());
            if (r.depth() - 1 <= 0) {
                continue;
            }
            for (String u : r.page().urls()) {
                if (fetched.add(u)) {
                    pending++;
                    go(() -> fetch(u, r.depth() - 1, fetcher, results));
                }
            }
        }
    }

    private static void fetch(String url, int depth, Fetcher fetcher, Chan<Result> results) {
        try {
            results.send(new Result(url, depth, fetcher.fetch(url), null));
        } catch (FetchError e) {
            results.send(new Result(url, depth, null, e));
        }
    }

    public static void main(String[] args) {
        crawl("https://golang.org/", 4, FakeFetcher.golang(), System.out);
    }
}

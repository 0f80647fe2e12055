package crawler;

import java.io.PrintStream;

/**
 * The Go Tour's web crawler. Make {@link #crawl} fetch URLs in parallel without fetching the same URL twice, and
 * return only when every fetch it started has finished.
 */
public final class Crawler {
    private Crawler() {
    }

    /**
     * Crawls pages starting with {@code url}, to a maximum of {@code depth} levels: depth 1 fetches only {@code url},
     * depth 2 also the pages it links to, and so on. Prints {@code found: <url> "<body>"} for each page fetched and
     * the error's message (e.g. {@code not found: <url>}) for each page that failed; a failed page does not stop
     * the crawl.
     */
    public static void crawl(String url, int depth, Fetcher fetcher, PrintStream out) {
        // TODO: Fetch URLs in parallel.
        // TODO: Don't fetch the same URL twice.
        // This implementation doesn't do either:
        if (depth <= 0) {
            return;
        }
        Page page;
        try {
            page = fetcher.fetch(url);
        } catch (FetchError e) {
            out.println(e.getMessage());
            return;
        }
        out.printf("found: %s \"%s\"%n", url, page.body());
        for (String u : page.urls()) {
            crawl(u, depth - 1, fetcher, out);
        }
    }

    public static void main(String[] args) {
        crawl("https://golang.org/", 4, FakeFetcher.golang(), System.out);
    }
}

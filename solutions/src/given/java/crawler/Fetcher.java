package crawler;

/** Where the crawler gets its pages from: the Go Tour's {@code Fetcher} interface. */
public interface Fetcher {
    /**
     * Fetches {@code url}: its body and the URLs it links to. May be called from many goroutines at once.
     *
     * @throws FetchError when the page cannot be fetched, e.g. {@code not found: <url>}
     */
    Page fetch(String url) throws FetchError;
}

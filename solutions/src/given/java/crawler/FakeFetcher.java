package crawler;

import java.util.List;
import java.util.Map;

/** The Go Tour's fake fetcher: four canned pages of golang.org, and {@code /cmd/} missing. */
public final class FakeFetcher implements Fetcher {
    private final Map<String, Page> pages;

    public FakeFetcher(Map<String, Page> pages) {
        this.pages = Map.copyOf(pages);
    }

    /** The Go Tour's pages. */
    public static FakeFetcher golang() {
        return new FakeFetcher(Map.of(
                "https://golang.org/", new Page("The Go Programming Language",
                        List.of("https://golang.org/pkg/", "https://golang.org/cmd/")),
                "https://golang.org/pkg/", new Page("Packages",
                        List.of("https://golang.org/", "https://golang.org/cmd/",
                                "https://golang.org/pkg/fmt/", "https://golang.org/pkg/os/")),
                "https://golang.org/pkg/fmt/", new Page("Package fmt",
                        List.of("https://golang.org/", "https://golang.org/pkg/")),
                "https://golang.org/pkg/os/", new Page("Package os",
                        List.of("https://golang.org/", "https://golang.org/pkg/"))));
    }

    @Override
    public Page fetch(String url) throws FetchError {
        Page page = pages.get(url);
        if (page == null) {
            throw new FetchError("not found: " + url);
        }
        return page;
    }
}

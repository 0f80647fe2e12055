package crawler;

import java.util.List;

/** A fetched page: its body and the URLs it links to, in order. */
public record Page(String body, List<String> urls) {
    public Page {
        urls = List.copyOf(urls);
    }
}

package crawler;

/** A page that could not be fetched; its message is what the crawler prints, e.g. {@code not found: <url>}. */
public final class FetchError extends Exception {
    private static final long serialVersionUID = 1L;

    public FetchError(String message) {
        super(message);
    }
}

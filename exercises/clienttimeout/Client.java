package clienttimeout;

import dev.gokata.runtime.Context;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;

/** An HTTP client request that must give up after a timeout, set through its context. */
public final class Client {
    private Client() {
    }

    /**
     * GETs {@code uri} and copies the body to {@code out}; gives up after {@code timeout}, or when {@code parent} is
     * done, and then prints {@code ERROR: } and the error.
     */
    public static void fetch(Context parent, URI uri, Duration timeout, PrintStream out) {
        // TODO: set a http client timeout: derive a context with Context.withTimeout(parent, timeout), hand it to
        // Http.get, and cancel it when fetch returns.
        try {
            out.print(Http.get(parent, uri));
        } catch (IOException e) {
            out.println("ERROR: " + e.getMessage());
        }
    }

    /** {@code Client [url]}: fetches the URL (default http://127.0.0.1:8000/) with a 100 ms timeout. */
    public static void main(String[] args) {
        URI uri = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8000/");
        fetch(Context.background(), uri, Duration.ofMillis(100), System.out);
    }
}

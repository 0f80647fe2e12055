package clienttimeout;

import dev.gokata.runtime.Context;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;

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

    /**
     * {@code Client [url]}: fetches, with a 100 ms timeout, the given URL, or else a fast and a slow page of a demo
     * server on 127.0.0.1.
     */
    public static void main(String[] args) throws IOException {
        try (DemoServer demo = DemoServer.start()) {
            List<URI> uris = args.length > 0
                    ? List.of(URI.create(args[0]))
                    : List.of(demo.uri("/fast"), demo.uri("/slow"));
            for (URI uri : uris) {
                System.out.println("GET " + uri);
                fetch(Context.background(), uri, Duration.ofMillis(100), System.out);
            }
        }
    }
}

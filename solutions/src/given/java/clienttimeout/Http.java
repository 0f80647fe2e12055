package clienttimeout;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Context;
import dev.gokata.runtime.Select;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Given: an HTTP GET that honours its context, as Go's {@code http.Client.Do} honours the request's context. When
 * the context is done first, the request is aborted and the error is {@code Get "<url>": context deadline exceeded}
 * (or {@code context canceled}).
 *
 * <p>Implementation note: the request runs asynchronously; a helper goroutine waits for it and hands the outcome
 * over on a channel of capacity 1 (so it never blocks, whoever has stopped listening), and the caller selects
 * between that channel and {@code ctx.done()}. On done, the request's future is cancelled, which aborts the
 * exchange, and the helper goroutine ends.
 */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Http() {
    }

    private record Outcome(HttpResponse<String> response, Throwable error) {
    }

    /** GETs {@code uri} and returns the body of a 200 response; gives up when {@code ctx} is done. */
    public static String get(Context ctx, URI uri) throws IOException {
        if (ctx.err().isPresent()) {
            throw new IOException("Get \"" + uri + "\": " + ctx.err().get().getMessage());
        }
        CompletableFuture<HttpResponse<String>> future =
                CLIENT.sendAsync(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        Chan<Outcome> result = Chan.make(1);
        go(() -> {
            try {
                result.send(new Outcome(future.join(), null));
            } catch (CompletionException e) {
                result.send(new Outcome(null, e.getCause()));
            } catch (RuntimeException e) {
                result.send(new Outcome(null, e));
            }
        });
        Outcome[] got = {null};
        Select.select()
                .recv(result, o -> got[0] = o)
                .recv(ctx.done(), x -> future.cancel(true))
                .run();
        if (got[0] == null) {
            throw new IOException("Get \"" + uri + "\": " + ctx.err().orElseThrow().getMessage());
        }
        if (got[0].error() != null) {
            throw new IOException("Get \"" + uri + "\": " + describe(uri, got[0].error()), got[0].error());
        }
        HttpResponse<String> response = got[0].response();
        if (response.statusCode() != 200) {
            throw new IOException("Get \"" + uri + "\": status " + response.statusCode());
        }
        return response.body();
    }

    /**
     * The error's text: its message; for a connection that failed without one, Go's words: the JDK client reports a
     * host it cannot resolve, and a refused connection, as a {@code ConnectException} without a message; else the
     * error's class.
     */
    private static String describe(URI uri, Throwable error) {
        if (error.getMessage() != null) {
            return error.getMessage();
        }
        if (error instanceof ConnectException && error.getCause() instanceof UnresolvedAddressException) {
            return "dial tcp: lookup " + uri.getHost() + ": no such host";
        }
        if (error instanceof ConnectException) {
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            return "dial tcp " + uri.getHost() + ":" + port + ": connect: connection refused";
        }
        return error.getClass().getName();
    }
}

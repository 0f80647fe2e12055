package servertimeout;

import dev.gokata.runtime.Context;

/**
 * Given: Go's {@code http.Handler}, as a function of the request's context and the request. The context is
 * cancelled when the client goes away, and, under {@link Platform#timeoutHandler}, when the time is up.
 */
@FunctionalInterface
public interface Handler {
    /** Serves one request. */
    Response serve(Context ctx, Request req);
}

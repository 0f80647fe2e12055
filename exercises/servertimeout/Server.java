package servertimeout;

import static servertimeout.Platform.slowOperation;

import dev.gokata.runtime.Context;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * TODO: make this server's slow handler bounded by a timeout handler, and whose slow work is abandoned when the
 * request's context is done: on the server's timeout ({@code Error: context deadline exceeded}) or when the client
 * goes away ({@code Warning: context canceled}).
 */
public final class Server {
    private Server() {
    }

    /** The slow handler: runs the slow operation with the request's context, answers {@code OK}. */
    static Response slowHandler(Context ctx, Request req, Duration work, PrintStream log) {
        Instant start = Instant.now();
        // TODO: propagate the request's context down the call graph: pass ctx to slowOperation. When it throws the
        // context's error, log "Warning: context canceled" (the client went away) or "Error: <message>" (anything
        // else, e.g. the timeout's "context deadline exceeded"), and answer 500 with the message instead of "OK".
        slowOperation(Context.background(), work);
        log.println("slowHandler took: " + Duration.between(start, Instant.now()));
        return new Response(200, "OK\n");
    }

    /**
     * Starts the server on a free loopback port: every request runs the slow handler, whose slow operation takes
     * {@code work}, under a timeout handler that answers 503 {@code Timeout!\n} after {@code timeout}. Logs to
     * {@code log}.
     */
    public static LoopbackServer start(Duration timeout, Duration work, PrintStream log) throws IOException {
        // TODO: bound the handler with Platform.timeoutHandler(handler, timeout, "Timeout!\n").
        return LoopbackServer.listen((ctx, req) -> slowHandler(ctx, req, work, log));
    }

    /** Serves with the course's durations, scaled down: a 1 s timeout for 5 s of work. Stops after a minute. */
    public static void main(String[] args) throws Exception {
        try (LoopbackServer server = start(Duration.ofSeconds(1), Duration.ofSeconds(5), System.out)) {
            System.out.println("listening on http://127.0.0.1:" + server.port() + "/ for a minute");
            dev.gokata.runtime.Go.sleep(Duration.ofMinutes(1));
        }
    }
}

package servertimeout;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.CancelableContext;
import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Context;
import dev.gokata.runtime.ContextError;
import dev.gokata.runtime.Select;
import java.time.Duration;

/** Given: what Go's standard library provides to the course's server: TimeoutHandler and a slow query. */
public final class Platform {
    private Platform() {
    }

    /**
     * Go's {@code http.TimeoutHandler}: runs {@code h} with a context that times out after {@code dt}; if {@code h}
     * has not answered by then, answers {@code 503 Service Unavailable} with {@code msg}. {@code h} keeps running
     * until it notices its context is done: the timeout reaches it only through the context.
     */
    public static Handler timeoutHandler(Handler h, Duration dt, String msg) {
        return (ctx, req) -> {
            CancelableContext tctx = Context.withTimeout(ctx, dt);
            try {
                Chan<Response> answer = Chan.make(1); // the handler never blocks on it, even after a timeout
                go(() -> answer.send(h.serve(tctx, req)));
                Response[] got = {new Response(503, msg)};
                Select.select()
                        .recv(answer, r -> got[0] = r)
                        .recv(tctx.done(), x -> { })
                        .run();
                return got[0];
            } finally {
                tctx.cancel();
            }
        };
    }

    /**
     * A slow operation that honours cancellation, standing in for the course's {@code SELECT pg_sleep(5)} run with
     * {@code db.ExecContext(ctx, ...)}: takes {@code d}, unless {@code ctx} is done first.
     *
     * @throws ContextError {@code ctx}'s error if it is done before the operation completes
     */
    public static void slowOperation(Context ctx, Duration d) {
        ContextError[] err = {null};
        Select.select()
                .after(d, () -> { })
                .recv(ctx.done(), x -> err[0] = ctx.err().orElseThrow())
                .run();
        if (err[0] != null) {
            throw err[0];
        }
    }
}

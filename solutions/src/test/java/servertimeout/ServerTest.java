package servertimeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.CancelableContext;
import dev.gokata.runtime.Context;
import dev.gokata.runtime.Go;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Lines;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the servertimeout kata (catalog §13), scaled: a 200 ms timeout for 2 s of work. Every request
 * goes over a socket to 127.0.0.1, with a read timeout; every server is closed in the test.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/servertimeout/):
 * <ul>
 *   <li>the untouched starter: no timeout handler: the slow request takes the whole 2 s and answers OK;</li>
 *   <li>{@code timeout-not-propagated}: the timeout handler answers 503 in time, but the request's context never
 *       reaches the slow operation, which runs to its end ({@code slowHandler took} is logged, nothing says
 *       {@code Error:}; the handler's goroutine outlives the request);</li>
 *   <li>{@code ok-after-cancel}: logs the context's error but then answers 200 {@code OK\n} all the same (no
 *       client reads it over the socket): called with a context already done, slowHandler must answer 500.</li>
 *   <li>{@code own-timeout-instead-of-timeout-handler}: no {@code Platform.timeoutHandler}: {@code start} gives the
 *       handler a context with a timeout of its own and turns its 500 into the 503. Right while the handler stops
 *       at once, but the client waits for the handler:
 *       {@link #givenAHandlerSlowToWindDown_whenTheServerTimesOut_thenThe503ComesOnTimeAnyway} holds the handler's
 *       log write until the client has its answer.</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ServerTest {
    private static final Duration TIMEOUT = Duration.ofMillis(200);
    private static final Duration WORK = Duration.ofSeconds(2);
    /** How long a test may hold the handler's log write: far longer than a 503 takes to reach the client. */
    private static final Duration HOLD = Duration.ofSeconds(2);

    private record Answer(int status, String body, long millis) {
    }

    private static Socket connect(LoopbackServer server) throws IOException {
        var s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(4000);
        OutputStream out = s.getOutputStream();
        out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    private static Answer get(LoopbackServer server) throws IOException {
        long start = System.nanoTime();
        try (Socket s = connect(server)) {
            InputStream in = s.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            assertTrue(text.startsWith("HTTP/1.1 ") && headEnd > 0, "not an HTTP answer: " + text);
            int status = Integer.parseInt(text.substring(9, 12));
            return new Answer(status, text.substring(headEnd + 4), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Waits up to {@code limit} for a log line starting with {@code prefix}. */
    private static boolean logged(Lines log, String prefix, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (log.lines().stream().noneMatch(l -> l.startsWith(prefix))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Go.sleep(Duration.ofMillis(5));
        }
        return true;
    }

    @Test
    void givenSlowWork_whenTheServerTimesOut_thenTheClientGets503AndTheWorkIsAbandoned() throws IOException {
        var log = new Lines();
        var baseline = Goroutines.baseline();
        try (LoopbackServer server = Server.start(TIMEOUT, WORK, log.out())) {
            Answer a = get(server);

            assertEquals(503, a.status(), "status of a request whose work outlasts the 200 ms timeout: wrap the "
                    + "handler in Platform.timeoutHandler(handler, timeout, \"Timeout!\\n\")");
            assertEquals("Timeout!\n", a.body(), "body of the timeout answer");
            assertTrue(a.millis() < 1000, "the 503 came after " + a.millis() + " ms, the timeout was 200 ms");
            assertTrue(logged(log, "Error: context deadline exceeded", Duration.ofMillis(500)),
                    "the server's log " + log.lines() + " does not say \"Error: context deadline exceeded\" soon after "
                            + "the timeout: pass the request's ctx to slowOperation, so the timeout reaches the work");
        }
        baseline.assertAllEnded(Duration.ofMillis(500),
                "the timeout: the slow operation must stop when its context is done");
        assertFalse(log.lines().stream().anyMatch(l -> l.startsWith("slowHandler took")),
                "after a timeout the handler must not finish its work: " + log.lines());
    }

    /**
     * The slow handler called with a context whose deadline has passed: it answers 500 with the context's error,
     * logs it, and neither answers OK nor logs {@code slowHandler took} (the work was not done). Cancelled likewise.
     */
    @Test
    void givenAContextAlreadyDone_whenTheSlowHandlerRuns_thenItAnswers500WithTheErrorNeverOk() {
        var log = new Lines();
        CancelableContext timedOut = Context.withTimeout(Context.background(), Duration.ofMillis(1));
        CancelableContext cancelled = Context.withCancel(Context.background());
        cancelled.cancel();
        try {
            timedOut.done().recv();
            Response afterTimeout = Server.slowHandler(timedOut, new Request("GET", "/"), WORK, log.out());
            Response afterCancel = Server.slowHandler(cancelled, new Request("GET", "/"), WORK, log.out());

            assertErrorAnswer("context deadline exceeded", afterTimeout, "slowHandler's answer once its context's"
                    + " deadline has passed: the work was not done, so never answer 200 OK; answer 500 with the"
                    + " error's message (Go's TimeoutHandler refuses a handler's write after the timeout)");
            assertErrorAnswer("context canceled", afterCancel, "slowHandler's answer once its context is cancelled:"
                    + " never 200 OK; answer 500 with the error's message");
            assertEquals(List.of("Error: context deadline exceeded", "Warning: context canceled"), log.lines(),
                    "the log of the two requests (only completed work logs slowHandler took)");
        } finally {
            timedOut.cancel();
        }
    }

    /** A 500 answer whose body is {@code message}, with or without a line end (the README asks for none). */
    private static void assertErrorAnswer(String message, Response answer, String what) {
        assertEquals(500, answer.status(), what + "; it answered " + answer);
        assertEquals(message, answer.body().strip(), what + "; it answered " + answer);
    }

    @Test
    void givenFastWork_whenRequested_thenTheAnswerIsOk() throws IOException {
        var log = new Lines();
        try (LoopbackServer server = Server.start(Duration.ofSeconds(1), Duration.ofMillis(50), log.out())) {
            Answer a = get(server);

            assertEquals(200, a.status(), "status of a request whose 50 ms of work fit in the 1 s timeout");
            assertEquals("OK\n", a.body(), "body of a completed request");
            assertTrue(logged(log, "slowHandler took: ", Duration.ofMillis(500)), "log: " + log.lines());
        }
    }

    @Test
    void givenSlowWork_whenTheClientGoesAway_thenTheWorkIsCancelled() throws IOException {
        var log = new Lines();
        var baseline = Goroutines.baseline();
        try (LoopbackServer server = Server.start(Duration.ofSeconds(1), WORK, log.out())) {
            Socket s = connect(server);
            Go.sleep(Duration.ofMillis(100)); // the client's own timeout
            s.close();

            assertTrue(logged(log, "Warning: context canceled", Duration.ofMillis(600)),
                    "the server's log " + log.lines() + " does not say \"Warning: context canceled\" soon after the "
                            + "client went away: log a Warning when the error is ContextError.CANCELED");
        }
        baseline.assertAllEnded(Duration.ofMillis(1000), "the client went away");
        assertEquals(List.of("Warning: context canceled"), log.lines(), "the whole log");
    }

    /**
     * Go's TimeoutHandler answers 503 at the timeout whatever the handler still does. Here the server's log holds
     * the handler's first write (its {@code Error:} line) until the client has its answer, or for {@link #HOLD}: a
     * server that answers only once the handler has returned cannot answer before that, whatever the schedule.
     */
    @Test
    void givenAHandlerSlowToWindDown_whenTheServerTimesOut_thenThe503ComesOnTimeAnyway() throws IOException {
        var log = new Lines();
        var answered = new CountDownLatch(1);
        var holding = new AtomicBoolean();
        var heldUntilTheEnd = new AtomicBoolean();
        var holdingLog = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (holding.compareAndSet(false, true)) {
                    try {
                        heldUntilTheEnd.set(!answered.await(HOLD.toMillis(), TimeUnit.MILLISECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                log.out().write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
        var baseline = Goroutines.baseline();
        try (LoopbackServer server = Server.start(TIMEOUT, WORK, holdingLog)) {
            Answer a;
            try {
                a = get(server);
            } finally {
                answered.countDown();
            }
            assertFalse(heldUntilTheEnd.get(), "the client got its answer (" + a.status() + ", after " + a.millis()
                    + " ms) only once the handler had returned: the handler was held for " + HOLD.toMillis() + " ms"
                    + " writing its log line after the 200 ms timeout, and the server waited for it. Wrap the handler"
                    + " in Platform.timeoutHandler(handler, timeout, \"Timeout!\\n\"), Go's http.TimeoutHandler: it"
                    + " answers 503 at the timeout, whatever the handler still does, and lets it wind down");
            assertEquals(503, a.status(), "status of a request whose work outlasts the 200 ms timeout");
        }
        baseline.assertAllEnded(Duration.ofMillis(1000), "the timeout: the handler must end once its log line is "
                + "written");
    }
}

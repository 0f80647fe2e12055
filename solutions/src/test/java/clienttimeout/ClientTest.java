package clienttimeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gokata.runtime.CancelableContext;
import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Context;
import dev.gokata.runtime.ContextError;
import dev.gokata.runtime.Go;
import dev.gokata.runtime.RecvChan;
import dev.gokata.testkit.Lines;
import dev.gokata.testkit.Sandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the clienttimeout kata (catalog §12.3), against a JDK HttpServer on an ephemeral 127.0.0.1 port,
 * stopped after each test: a slow endpoint fails after the timeout with {@code context deadline exceeded}; a fast
 * one is copied intact; cancelling the parent context aborts the request; the context fetch derives is cancelled
 * when fetch returns.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/clienttimeout/):
 * <ul>
 *   <li>the untouched starter: no timeout: the slow request waits for the server (about 2 s), and fetch derives
 *       no context;</li>
 *   <li>{@code timeout-not-in-context}: the timeout's context derives from background, not from the parent:
 *       cancelling the parent does not abort the request, and fetch never asks the parent for its deadline;</li>
 *   <li>{@code no-cancel}: the timeout's context is never cancelled (no {@code finally}): fetch returns, and the
 *       context stays registered with its parent, its timer pending, until the timeout; with a parent of another
 *       kind than the runtime's, the goroutine that watches it stays alive too (Go's {@code go vet} reports this
 *       as lostcancel);</li>
 *   <li>{@code cancel-only-on-success}: cancels the context after a request that succeeded, not after one that
 *       failed: a refused connection leaves it registered with its parent;</li>
 *   <li>{@code fixed-timeout}: derives the context with a fixed 100 ms (the README's example) instead of the
 *       {@code timeout} parameter: a request with a 400 ms timeout gives up after 100 ms.</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ClientTest {
    private static final Duration SLOW = Duration.ofSeconds(2);
    private static final Duration LIMIT = Duration.ofSeconds(5);

    private HttpServer server;
    private ExecutorService handlers;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(handlers);
        server.createContext("/fast", ex -> reply(ex, "hello, world\n"));
        server.createContext("/slow", ex -> {
            try {
                release.await(SLOW.toMillis(), TimeUnit.MILLISECONDS); // the slow work; released when the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, "too late\n");
        });
        server.start();
        Http.get(Context.background(), uri("/fast")); // warm the HTTP client up, so timings measure the timeout only
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        handlers.close();
    }

    private static void reply(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (ex; OutputStream os = ex.getResponseBody()) {
            ex.sendResponseHeaders(200, bytes.length);
            os.write(bytes);
        } catch (IOException e) {
            // the client went away: expected for the slow endpoint
        }
    }

    /**
     * A request's context of another kind than the runtime's, as a web framework's may be: the runtime cannot
     * register a child with it, so it watches the child with a goroutine until the child is done, as Go's
     * {@code propagateCancel} does. Cancelled by the test when it ends. It counts the calls of {@code deadline()}:
     * Go's {@code WithDeadline} (and {@code WithTimeout}) asks its parent for its deadline first, and {@code
     * Http.get} never does, so a count above 0 shows that fetch derived a context.
     */
    private static final class RequestContext implements Context {
        private final Chan<Void> done = Chan.make();
        private final AtomicInteger deadlineAsked = new AtomicInteger();
        private volatile boolean cancelled;

        void cancel() {
            cancelled = true;
            done.close();
        }

        @Override
        public RecvChan<Void> done() {
            return done;
        }

        @Override
        public Optional<ContextError> err() {
            return cancelled ? Optional.of(ContextError.CANCELED) : Optional.empty();
        }

        @Override
        public Optional<Instant> deadline() {
            deadlineAsked.incrementAndGet();
            return Optional.empty();
        }

        @Override
        public Optional<Object> value(Object key) {
            return Optional.empty();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void givenAFastEndpoint_whenFetched_thenTheBodyIsCopiedIntact() {
        var out = new Lines();

        Client.fetch(Context.background(), uri("/fast"), Duration.ofSeconds(2), out.out());

        assertEquals(List.of("hello, world"), out.lines(), "what fetch printed for the fast endpoint");
    }

    @Test
    void givenASlowEndpoint_whenFetchedWithA100msTimeout_thenItFailsWithDeadlineExceeded() {
        var out = new Lines();
        long start = System.nanoTime();

        Client.fetch(Context.background(), uri("/slow"), Duration.ofMillis(100), out.out());

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1000, "fetch waited " + millis + " ms for a server that takes " + SLOW.toMillis()
                + " ms, though its timeout was 100 ms: put the timeout in the context you pass to Http.get "
                + "(Context.withTimeout)");
        assertEquals(List.of("ERROR: Get \"" + uri("/slow") + "\": context deadline exceeded"), out.lines(),
                "what fetch printed when the server took longer than the timeout");
        assertTrue(millis >= 90, "fetch gave up after " + millis + " ms, before its 100 ms timeout");
    }

    @Test
    void givenASlowEndpoint_whenFetchedWithA400msTimeout_thenItWaitsTheWhole400ms() {
        var out = new Lines();
        long start = System.nanoTime();

        Client.fetch(Context.background(), uri("/slow"), Duration.ofMillis(400), out.out());

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 390, "fetch gave up after " + millis + " ms, though its timeout was 400 ms: derive the"
                + " context with the timeout fetch is given (Context.withTimeout(parent, timeout)), not a fixed one");
        assertEquals(List.of("ERROR: Get \"" + uri("/slow") + "\": context deadline exceeded"), out.lines(),
                "what fetch printed when the server took longer than the 400 ms timeout");
    }

    @Test
    void givenAParentCancelledAfter50ms_whenFetchingTheSlowEndpoint_thenTheRequestIsAborted() {
        CancelableContext parent = Context.withCancel(Context.background());
        Go.afterFunc(Duration.ofMillis(50), parent::cancel);
        var out = new Lines();
        long start = System.nanoTime();

        Client.fetch(parent, uri("/slow"), Duration.ofSeconds(5), out.out());

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of("ERROR: Get \"" + uri("/slow") + "\": context canceled"), out.lines(),
                "what fetch printed when its parent context was cancelled: derive the timeout from the parent");
        assertTrue(millis < 1000, "fetch gave up " + millis + " ms after start; the parent was cancelled at 50 ms");
    }

    @Test
    void givenAParentOfAnotherKind_whenFetchReturns_thenTheContextItDerivedIsCancelled() {
        var parent = new RequestContext();
        var out = new Lines();
        try {
            Sandbox.Run run = Sandbox.runToExit(() -> Client.fetch(parent, uri("/fast"), LIMIT, out.out()), LIMIT,
                    "fetch never returned from a fast endpoint");

            assertEquals(List.of("hello, world"), out.lines(), "what fetch printed for the fast endpoint");
            assertTrue(parent.deadlineAsked.get() > 0, "fetch derived no context from its parent: derive one with"
                    + " Context.withTimeout(parent, timeout), hand it to Http.get, and cancel it when fetch returns");
            Sandbox.assertNoLeaks(run, Duration.ofMillis(500), "fetch returned without cancelling the context it "
                    + "derived: call its cancel() in a finally (Go's defer cancel()). Until then the context stays "
                    + "registered with its parent and its timer runs; and for a parent of another kind than the "
                    + "runtime's, as this test's is, the goroutine that watches the parent for it stays alive (below)");
        } finally {
            parent.cancel();
        }
    }

    @Test
    void givenAParentOfAnotherKind_whenTheRequestFails_thenTheContextItDerivedIsCancelledToo() throws IOException {
        URI refused;
        try (var closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) { // a port nobody listens on
            refused = URI.create("http://127.0.0.1:" + closed.getLocalPort() + "/fast");
        }
        var parent = new RequestContext();
        var out = new Lines();
        try {
            Sandbox.Run run = Sandbox.runToExit(() -> Client.fetch(parent, refused, LIMIT, out.out()), LIMIT,
                    "fetch never returned from a refused connection");

            assertTrue(out.lines().size() == 1 && out.lines().getFirst().startsWith("ERROR: "), "a refused"
                    + " connection is an error: fetch prints ERROR: and the error; it printed " + out.lines());
            Sandbox.assertNoLeaks(run, Duration.ofMillis(500), "fetch returned from a failed request without"
                    + " cancelling the context it derived: cancel it on every path, in a finally (Go's defer"
                    + " cancel()), not only after a request that succeeded. Until then it stays registered with its"
                    + " parent, and the goroutine that watches this test's parent for it stays alive (below)");
        } finally {
            parent.cancel();
        }
    }
}

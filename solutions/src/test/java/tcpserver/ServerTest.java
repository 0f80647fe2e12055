package tcpserver;

import static dev.gokata.runtime.Go.go;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.Goroutine;
import dev.gokata.testkit.Concurrency;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the tcpserver kata: several clients on an ephemeral loopback port are served at the same time,
 * each handler ends when its client leaves, and {@code serve} returns once its listener is closed.
 *
 * <p>Wrong solutions these tests were checked against (fixtures in {@code solutions/fixtures/tcpserver/}):
 * <ul>
 *   <li>the untouched starter: serve returns at once, nobody answers;</li>
 *   <li>{@code sequential}: {@code handleConn(conn)} without go; the second client gets nothing while the first
 *       is connected;</li>
 *   <li>{@code spins-after-close}: {@code continue} on every accept error, as the Go reference does; once the
 *       listener is closed, accept fails forever and serve never returns;</li>
 *   <li>{@code serve-in-goroutine}: serve starts the accept loop with go(...) and returns at once: it must still be
 *       serving when a client has been answered, until its listener is closed;</li>
 *   <li>{@code platform-thread}: each connection handled on {@code new Thread(...)}: correct answers, but the
 *       handlers run outside gokata's goroutines (the probed handleConn sees an adopted thread);</li>
 *   <li>{@code cached-pool-never-shut-down}: each connection handled on a cached thread pool that serve never
 *       shuts down: handlers outside the goroutines, and the grader's leak check finds the pool's idle threads.</li>
 *   <li>{@code returns-on-any-accept-error}: returns from serve on every accept error, the listener open or not;
 *       a listener whose first accept fails while it stays open then serves nobody.</li>
 * </ul>
 */
@Timeout(10)
class ServerTest {
    private static final Duration TICK = Duration.ofMillis(20);
    private static final int CLIENTS = 3;
    private static final int READ_TIMEOUT_MS = 1500;

    /**
     * A server whose handlers are counted, so a test can see them overlap and end, and which notes a handler run on a
     * thread not started with go(...).
     */
    static final class Probed extends Server {
        final Concurrency handlers = new Concurrency();
        final AtomicInteger outsideGoroutines = new AtomicInteger();

        Probed() {
            super(TICK);
        }

        @Override
        protected void handleConn(Socket c) {
            if (Goroutine.current().adopted()) {
                outsideGoroutines.incrementAndGet();
            }
            handlers.section(() -> super.handleConn(c));
        }
    }

    /**
     * A listener whose first {@code accept()} fails while it stays open, as accept does when a connection is reset
     * while it waits in the backlog (Linux's ECONNABORTED) or the process is out of file descriptors.
     */
    static final class FailingOnce extends ServerSocket {
        private final AtomicBoolean failed = new AtomicBoolean();

        FailingOnce() throws IOException {
            super(0, CLIENTS, InetAddress.getLoopbackAddress());
        }

        @Override
        public Socket accept() throws IOException {
            if (failed.compareAndSet(false, true)) {
                throw new SocketException("Software caused connection abort (the test's one failed accept)");
            }
            return super.accept();
        }
    }

    /** A running server on an ephemeral loopback port, and the latch its serve call counts down on return. */
    private record Running(Probed server, ServerSocket listener, CountDownLatch returned) implements AutoCloseable {
        static Running start() throws IOException {
            return start(new ServerSocket(0, CLIENTS, InetAddress.getLoopbackAddress()));
        }

        static Running start(ServerSocket listener) {
            var server = new Probed();
            var returned = new CountDownLatch(1);
            go(() -> {
                try {
                    server.serve(listener);
                } finally {
                    returned.countDown();
                }
            });
            return new Running(server, listener, returned);
        }

        Socket dial() throws IOException {
            var s = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            s.setSoTimeout(READ_TIMEOUT_MS);
            return s;
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    @Test
    void servesSeveralClientsAtTheSameTime() throws Exception {
        try (var running = Running.start()) {
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    clients.add(running.dial());
                }
                for (int i = 0; i < CLIENTS; i++) {
                    var in = new BufferedReader(new InputStreamReader(clients.get(i).getInputStream(),
                            StandardCharsets.UTF_8));
                    for (int line = 0; line < 2; line++) {
                        String got;
                        try {
                            got = in.readLine();
                        } catch (SocketTimeoutException e) {
                            if (i == 0) {
                                fail("the first client got nothing for " + READ_TIMEOUT_MS + " ms: accept connections"
                                        + " in a loop and hand each to handleConn in its own goroutine");
                            }
                            fail("client " + (i + 1) + " of " + CLIENTS + " got nothing for " + READ_TIMEOUT_MS
                                    + " ms while the other clients were connected: the server handles one connection"
                                    + " at a time; handle each connection in its own goroutine with go(...)");
                            return;
                        }
                        assertEquals("response from server", got, "client " + (i + 1) + " read a wrong line");
                    }
                }
                assertEquals(CLIENTS, running.server().handlers.peak(), "expected " + CLIENTS
                        + " handlers running at the same time, at most " + running.server().handlers.peak() + " were");
                int outside = running.server().outsideGoroutines.get();
                assertEquals(0, outside, outside + " of " + CLIENTS + " connections were handled on a thread not "
                        + "started with go(...): start each handler with go(() -> handleConn(conn)), so that it is a "
                        + "goroutine the runtime knows (its dumps, its deadlock and leak checks see it)");
            } finally {
                for (Socket c : clients) {
                    c.close();
                }
            }
            Awaitility.await("every handler returns after its client disconnected")
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> running.server().handlers.inside() == 0);
        }
    }

    @Test
    void givenAFailedAcceptOnAnOpenListener_whenAClientDials_thenItIsServed() throws Exception {
        try (var running = Running.start(new FailingOnce())) {
            try (Socket client = running.dial()) {
                var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                try {
                    assertEquals("response from server", in.readLine(), "the client read a wrong line");
                } catch (SocketTimeoutException e) {
                    fail("accept() failed once while the listener stayed open (as when a connection is reset before"
                            + " it is accepted), and then the client got nothing for " + READ_TIMEOUT_MS + " ms"
                            + (running.returned().getCount() == 0 ? ": serve had returned" : "") + ". Return from"
                            + " serve only when listener.isClosed(); after any other accept error, go on to the next"
                            + " connection");
                }
            }
            Awaitility.await("the handler returns after its client disconnected")
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> running.server().handlers.inside() == 0);
        }
    }

    @Test
    void serveReturnsWhenTheListenerIsClosed() throws Exception {
        var running = Running.start();
        try (Socket client = running.dial()) {
            var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            try {
                assertEquals("response from server", in.readLine(), "the client read a wrong line");
            } catch (SocketTimeoutException e) {
                fail("the client got nothing for " + READ_TIMEOUT_MS + " ms: accept connections and hand each to"
                        + " handleConn in a goroutine");
            }
        }
        assertFalse(running.returned().await(300, TimeUnit.MILLISECONDS), "serve(listener) returned while its "
                + "listener was still open: run the accept loop in serve itself, and return only once the listener "
                + "is closed (a caller relies on serve blocking, as on Go's http.Serve); start goroutines for the "
                + "connections, not for the loop");
        running.close();
        assertTrue(running.returned().await(2, TimeUnit.SECONDS), "serve(listener) did not return after the"
                + " listener was closed: when accept() fails and listener.isClosed(), return from the loop");
        Awaitility.await("the handler returns after its client disconnected")
                .atMost(Duration.ofSeconds(3))
                .until(() -> running.server().handlers.inside() == 0);
    }
}

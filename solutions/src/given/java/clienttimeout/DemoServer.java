package clienttimeout;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gokata.runtime.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Given: the server that {@code gokata run clienttimeout} fetches from, on a free port of 127.0.0.1 (nothing leaves
 * the machine): {@code /fast} answers at once, {@code /slow} after a second.
 */
public final class DemoServer implements AutoCloseable {
    private static final Duration SLOW = Duration.ofSeconds(1);

    private final HttpServer server;
    private final ExecutorService handlers;

    private DemoServer(HttpServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    /**
     * Starts the server, then warms {@link Http} up with one request to {@code /fast}: the JDK client's first
     * request loads its classes and starts its threads, which takes longer than a 100 ms timeout (the hidden tests
     * warm it up too).
     */
    public static DemoServer start() throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var handlers = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(handlers);
        server.createContext("/fast", ex -> reply(ex, "hello, world\n"));
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(SLOW);
            } catch (InterruptedException e) {
                ex.close(); // the server is closing
                return;
            }
            reply(ex, "sorry, that took a second\n");
        });
        server.start();
        var demo = new DemoServer(server, handlers);
        Http.get(Context.background(), demo.uri("/fast"));
        return demo;
    }

    /** The URL of {@code path} on this server. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Stops the server; a slow request still being served is abandoned. */
    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private static void reply(HttpExchange ex, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (ex; OutputStream os = ex.getResponseBody()) {
            ex.sendResponseHeaders(200, bytes.length);
            os.write(bytes);
        } catch (IOException e) {
            // the client went away, as a client with a timeout does from /slow
        }
    }
}

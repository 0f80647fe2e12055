package servertimeout;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.CancelableContext;
import dev.gokata.runtime.Context;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Given: a minimal HTTP/1.1 server on an ephemeral port of 127.0.0.1, one goroutine per connection, that cancels a
 * request's context when its client goes away, as Go's {@code net/http} does. One request per connection.
 *
 * <p>Implementation note: a goroutine accepts connections until {@link #close()} closes the listening socket. Per
 * connection, a goroutine reads the request head, serves it and writes the answer; a watcher goroutine blocks
 * reading the connection, and a read that ends before the answer is written means the client is gone: it cancels
 * the request's context. Closing the connection after the answer ends the watcher.
 */
public final class LoopbackServer implements AutoCloseable {
    private final ServerSocket listener;

    private LoopbackServer(ServerSocket listener) {
        this.listener = listener;
    }

    /** Starts serving {@code h} on a free port of 127.0.0.1. */
    public static LoopbackServer listen(Handler h) throws IOException {
        var server = new LoopbackServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        go(() -> server.acceptLoop(h));
        return server;
    }

    /** The port the server listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Stops accepting connections; requests being served finish by themselves. */
    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void acceptLoop(Handler h) {
        while (true) {
            Socket conn;
            try {
                conn = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            go(() -> serve(conn, h));
        }
    }

    private static void serve(Socket conn, Handler h) {
        CancelableContext ctx = Context.withCancel(Context.background());
        var answered = new AtomicBoolean();
        try (conn) {
            InputStream in = conn.getInputStream();
            var head = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1);
            String requestLine = head.readLine();
            if (requestLine == null) {
                return;
            }
            for (String line = head.readLine(); line != null && !line.isEmpty(); line = head.readLine()) {
                // headers are ignored
            }
            String[] parts = requestLine.split(" ");
            go(() -> {
                try {
                    in.read(); // returns (or throws) when the client closes, or when we close after answering
                } catch (IOException e) {
                    // closed
                }
                if (!answered.get()) {
                    ctx.cancel(); // the client went away
                }
            });
            Response r = h.serve(ctx, new Request(parts[0], parts.length > 1 ? parts[1] : "/"));
            answered.set(true);
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            OutputStream out = conn.getOutputStream();
            out.write(("HTTP/1.1 " + r.status() + " " + reason(r.status()) + "\r\nContent-Type: text/plain; "
                    + "charset=utf-8\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // the client went away while we answered
        } finally {
            answered.set(true);
            ctx.cancel(); // Go cancels the request's context when ServeHTTP returns
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}

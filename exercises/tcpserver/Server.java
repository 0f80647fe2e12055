package tcpserver;

import static dev.gokata.runtime.Go.*;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A TCP server that serves every connection in its own goroutine, so one client never waits for another. */
public class Server {
    private static final byte[] RESPONSE = "response from server\n".getBytes(StandardCharsets.UTF_8);

    private final Duration tick;

    /** A server whose handlers write a line every {@code tick}. */
    public Server(Duration tick) {
        this.tick = tick;
    }

    /** Writes {@code response from server} every tick until a write fails (the client went away), then closes. */
    protected void handleConn(Socket c) {
        try (c) {
            OutputStream out = c.getOutputStream();
            while (true) {
                out.write(RESPONSE);
                out.flush();
                sleep(tick);
            }
        } catch (IOException e) {
            // the client disconnected: this handler is done
        }
    }

    /** Accepts connections until {@code listener} is closed, handling each one in its own goroutine. */
    public void serve(ServerSocket listener) {
        // TODO: accept connections in a loop: Socket conn = listener.accept();
        // TODO: handle each connection in its own goroutine, so the loop is back at accept() at once.
        // TODO: when accept() fails: return if the listener is closed (the server is shutting down), else go on.
    }

    public static void main(String[] args) throws IOException {
        try (var listener = new ServerSocket(8000, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("listening on " + listener.getLocalSocketAddress());
            new Server(Duration.ofSeconds(1)).serve(listener);
        }
    }
}

package adder;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Collections;

/** Hostile: lists the network interfaces and connects to a port the grading machine listens on. */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        var escaped = new StringBuilder();
        try {
            for (var nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isLoopback()) {
                    escaped.append("sees interface ").append(nic.getName()).append("; ");
                }
            }
        } catch (Exception e) {
            escaped.append("cannot list interfaces: ").append(e).append("; ");
        }
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", @PORT@), 1000);
            socket.getOutputStream().write("stolen\n".getBytes());
            escaped.append("connected to the host's port @PORT@; ");
        } catch (Exception e) {
            // expected: the host's loopback is another network namespace
        }
        // the sandbox's own loopback works, so the TCP katas can run
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             var client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             var accepted = server.accept()) {
            client.getOutputStream().write(42);
            if (accepted.getInputStream().read() != 42) {
                escaped.append("loopback lost a byte; ");
            }
        } catch (Exception e) {
            throw new IllegalStateException("loopback is broken in the sandbox: " + e, e);
        }
        if (!escaped.isEmpty()) {
            throw new IllegalStateException("ESCAPED: " + escaped);
        }
        int s = 0;
        for (int x : xs) {
            s += x;
        }
        return s;
    }
}

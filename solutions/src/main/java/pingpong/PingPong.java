package pingpong;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.RecvChan;
import dev.gokata.runtime.SendChan;
import java.util.ArrayList;
import java.util.List;

/**
 * Kata "Ping-pong with channel direction": two goroutines relay messages, and the types say who sends and who receives.
 */
public final class PingPong {
    private PingPong() {
    }

    /** Sends {@code "ping"} on {@code out}. */
    public static void ping(SendChan<String> out) {
        out.send("ping");
    }

    /** Receives one message on {@code in} and sends it on {@code out} with {@code " pong"} appended. */
    public static void pong(RecvChan<String> in, SendChan<String> out) {
        String msg = in.recv();
        out.send(msg + " pong");
    }

    /** Makes two channels, runs {@link #ping} and {@link #pong} in goroutines, and returns what arrives at the end. */
    public static String relay() {
        Chan<String> ch1 = Chan.make();
        Chan<String> ch2 = Chan.make();
        go(() -> ping(ch1));
        go(() -> pong(ch1, ch2));
        return ch2.recv();
    }

    /**
     * Serves a rally: for k = 1..rounds sends {@code "ping k"} on {@code pings}, then waits for the reply on
     * {@code pongs}; records each ping and each reply in order. Closes {@code pings} when the rally is over.
     */
    public static List<String> serve(int rounds, SendChan<String> pings, RecvChan<String> pongs) {
        var transcript = new ArrayList<String>();
        for (int k = 1; k <= rounds; k++) {
            String ball = "ping " + k;
            pings.send(ball);
            transcript.add(ball);
            transcript.add(pongs.recv());
        }
        pings.close();
        return transcript;
    }

    /**
     * Answers every {@code "ping k"} received on {@code pings} with {@code "pong k"} on {@code pongs}, until pings is
     * closed.
     */
    public static void returnBalls(RecvChan<String> pings, SendChan<String> pongs) {
        for (String ball : pings) {
            pongs.send(ball.replace("ping", "pong"));
        }
    }

    /** A rally of {@code rounds} rounds: {@link #returnBalls} in a goroutine, {@link #serve} in this one. */
    public static List<String> rally(int rounds) {
        Chan<String> pings = Chan.make();
        Chan<String> pongs = Chan.make();
        go(() -> returnBalls(pings, pongs));
        return serve(rounds, pings, pongs);
    }

    public static void main(String[] args) {
        System.out.println(relay());
        rally(3).forEach(System.out::println);
    }
}

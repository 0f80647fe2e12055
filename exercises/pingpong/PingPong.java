package pingpong;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import java.util.ArrayList;
import java.util.List;

/**
 * Kata "Ping-pong with channel direction": two goroutines relay messages, and the types say who sends and who receives.
 */
public final class PingPong {
    private PingPong() {
    }

    // TODO: give every channel parameter below the direction its method uses it in:
    //       SendChan<String> (Go's chan<- string) if the method only sends on it,
    //       RecvChan<String> (Go's <-chan string) if it only receives from it.

    /** Sends {@code "ping"} on {@code out}. */
    public static void ping(Chan<String> out) {
        // TODO: send "ping" on out
    }

    /** Receives one message on {@code in} and sends it on {@code out} with {@code " pong"} appended. */
    public static void pong(Chan<String> in, Chan<String> out) {
        // TODO: receive a message on in, send it on out with " pong" appended
    }

    /** Makes two channels, runs {@link #ping} and {@link #pong} in goroutines, and returns what arrives at the end. */
    public static String relay() {
        // TODO: create ch1 and ch2, start ping(ch1) and pong(ch1, ch2) in goroutines, receive the message on ch2
        return "";
    }

    /**
     * Serves a rally: for k = 1..rounds sends {@code "ping k"} on {@code pings}, then waits for the reply on
     * {@code pongs}; records each ping and each reply in order. Closes {@code pings} when the rally is over.
     */
    public static List<String> serve(int rounds, Chan<String> pings, Chan<String> pongs) {
        var transcript = new ArrayList<String>();
        // TODO: one round at a time: send the ping, record it, receive the reply, record it; then close pings
        return transcript;
    }

    /**
     * Answers every {@code "ping k"} received on {@code pings} with {@code "pong k"} on {@code pongs}, until pings is
     * closed.
     */
    public static void returnBalls(Chan<String> pings, Chan<String> pongs) {
        // TODO: range over pings; send each ball back with "ping" replaced by "pong"
    }

    /** A rally of {@code rounds} rounds: {@link #returnBalls} in a goroutine, {@link #serve} in this one. */
    public static List<String> rally(int rounds) {
        // TODO: make the two channels, start returnBalls in a goroutine, serve here and return the transcript
        return List.of();
    }

    public static void main(String[] args) {
        System.out.println(relay());
        rally(3).forEach(System.out::println);
    }
}

package pingpong;

import static dev.gokata.runtime.Go.go;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.RecvChan;
import dev.gokata.runtime.SendChan;
import dev.gokata.runtime.WaitReason;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Sandbox;
import dev.gokata.testkit.Stdout;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hidden tests of the kata "Ping-pong with channel direction". The student's methods are called by name through
 * reflection, so a solution that kept the starter's bidirectional {@code Chan} parameters still runs, and only the
 * direction tests fail, saying which parameter to narrow. Direction is checked twice: by the declared generic
 * parameter types, and by compiling snippets with the JDK's compiler: the narrowed views must be accepted, a misused
 * direction must not compile.
 * The rally tests play one side themselves and look at the other side's wait reason, so alternation is proved
 * without timing.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/pingpong/):
 * <ul>
 *   <li>{@code bidirectional-channels}: works, but every parameter is a {@code Chan<String>}; the direction tests
 *       fail.</li>
 *   <li>{@code serve-without-waiting}: serve sends every ping before receiving any pong. With unbuffered channels
 *       the rally deadlocks; against the test's own returner it is caught blocked in {@code [chan send]}.</li>
 *   <li>{@code pong-in-the-caller}: relay calls pong in its own goroutine, which then blocks sending on ch2 with
 *       nobody to receive: a deadlock.</li>
 *   <li>{@code returnballs-ignores-close}: returnBalls loops on {@code recv()} without asking whether pings is
 *       closed; once serve closes it, the zero value (null) panics in the returner, after rally returned.</li>
 *   <li>{@code transcript-ignores-reply}: serve records {@code "pong k"} instead of the reply it received;</li>
 *   <li>{@code relay-appends-pong}: pong passes the message on unchanged and relay appends " pong": relay() returns
 *       "ping pong", but pong called on its own does not append.</li>
 *   <li>{@code relay-without-goroutines}: relay makes two buffered channels and calls ping and pong itself; it
 *       returns "ping pong" and leaks nothing, but starts no goroutine. Fails
 *       {@link #relayStartsPingAndPongInGoroutines}.</li>
 *   <li>{@code rally-without-a-returner}: rally fills a buffered pings with every ball, closes it, calls
 *       returnBalls itself and builds the transcript; right output, no goroutine. Fails
 *       {@link #rallyStartsTheReturnerInAGoroutine}.</li>
 * </ul>
 */
@Timeout(20)
class PingPongTest {
    private static final Duration LIMIT = Duration.ofSeconds(3);

    @Test
    void mainPrintsPingPongThenTheRally() {
        List<String> lines = Stdout.capture(() -> Sandbox.runToExit(() -> PingPong.main(new String[0]), LIMIT,
                "main deadlocked: every goroutine waits on a channel no other goroutine will use again"));
        assertEquals(List.of("ping pong", "ping 1", "pong 1", "ping 2", "pong 2", "ping 3", "pong 3"), lines,
                "main should print relay()'s 'ping pong', then the transcript of a 3-round rally");
    }

    @Test
    void relayPassesPingThroughPong() {
        for (int i = 0; i < 20; i++) {
            var result = new ArrayList<Object>();
            var run = Sandbox.runToExit(() -> result.add(call("relay")), LIMIT, "relay deadlocked: ping and pong "
                    + "must each run in their own goroutine, and relay must receive on the channel pong sends on");
            assertEquals("ping pong", result.getFirst(), "relay() returned '" + result.getFirst() + "'");
            Sandbox.assertNoLeaks(run, Duration.ofMillis(500), "relay returned, but a goroutine it started is still "
                    + "blocked: every goroutine it starts must be able to finish");
        }
    }

    /**
     * relay starts ping and pong in goroutines of their own, counted by {@link Goroutines#countStarts} (no clock, no
     * schedule). Buffered channels let a relay that calls ping and pong itself return "ping pong" too, but then
     * nothing runs concurrently.
     */
    @Test
    void relayStartsPingAndPongInGoroutines() {
        var started = new ArrayList<Long>();
        Sandbox.runToExit(() -> {
            started.add(Goroutines.countStarts(() -> call("relay")).goroutines());
        }, LIMIT, "relay deadlocked: ping and pong must each run in their own goroutine");
        assertTrue(started.getFirst() >= 2, "relay() started " + started.getFirst() + " goroutine(s), not two: it"
                + " called ping or pong itself (a buffered channel let it get away with that). Start both in"
                + " goroutines, go(() -> ping(ch1)) and go(() -> pong(ch1, ch2)), on two unbuffered channels, and"
                + " only receive the result on ch2 in relay");
    }

    /** The same for rally: returnBalls runs in a goroutine rally starts, and serve plays against it. */
    @Test
    void rallyStartsTheReturnerInAGoroutine() {
        var started = new ArrayList<Long>();
        Sandbox.runToExit(() -> {
            started.add(Goroutines.countStarts(() -> call("rally", 3)).goroutines());
        }, LIMIT, "a rally of 3 rounds deadlocked: returnBalls must run in its own goroutine");
        assertTrue(started.getFirst() >= 1, "rally(3) started no goroutine: it played both sides itself (buffered"
                + " channels let it send every ping first). Make two unbuffered channels, start returnBalls in a"
                + " goroutine, go(() -> returnBalls(pings, pongs)), and return serve(rounds, pings, pongs): then each"
                + " ping waits for its pong");
    }

    /**
     * ping and pong each do their own part, called on their own with buffered channels (so the test's goroutine
     * can call them without a partner): ping sends "ping", pong appends " pong" to whatever it receives.
     */
    @Test
    void pingAndPongEachDoTheirPart() {
        Sandbox.runToExit(() -> {
            Chan<String> out = Chan.make(1);
            call("ping", out);
            assertEquals("ping", out.recv(), "ping(out) should send \"ping\" on out");

            Chan<String> in = Chan.make(1);
            Chan<String> replies = Chan.make(1);
            in.send("hello");
            call("pong", in, replies);
            String reply = replies.recv();
            assertEquals("hello pong", reply, "pong(in, out) received \"hello\" on in and sent \"" + reply
                    + "\" on out: pong appends \" pong\" to the message it receives, whatever it is. relay() only "
                    + "returns what arrives on the second channel");
        }, LIMIT, "ping or pong blocked although the test's channels had room (a buffer of 1): ping sends once, "
                + "pong receives once and sends once");
    }

    @Test
    void pingOnlySends() {
        assertParameters("ping", List.of(send()), "ping only sends on out");
    }

    @Test
    void pongReceivesOnInAndSendsOnOut() {
        assertParameters("pong", List.of(recv(), send()), "pong receives on in and sends on out");
    }

    @Test
    void serveSendsPingsAndReceivesPongs() {
        assertParameters("serve", List.of(int.class, send(), recv()),
                "serve sends on pings and receives on pongs");
    }

    @Test
    void returnBallsReceivesPingsAndSendsPongs() {
        assertParameters("returnBalls", List.of(recv(), send()),
                "returnBalls receives on pings and sends on pongs");
    }

    @Test
    void theCompilerEnforcesTheDirections() {
        String control = """
                class Control {
                    static void use(dev.gokata.runtime.Chan<String> ch) {
                        pingpong.PingPong.ping(ch);
                        pingpong.PingPong.pong(ch, ch);
                    }
                }
                """;
        List<String> errors = compile("Control", control);
        assertTrue(errors.isEmpty(), "calling ping and pong with a Chan<String> should compile: " + errors);

        String views = """
                class Views {
                    static void use(dev.gokata.runtime.Chan<String> ch) {
                        pingpong.PingPong.ping(ch.sendOnly());
                        pingpong.PingPong.pong(ch.recvOnly(), ch.sendOnly());
                    }
                }
                """;
        List<String> viewErrors = compile("Views", views);
        assertTrue(viewErrors.isEmpty(), "ping(ch.sendOnly()) and pong(ch.recvOnly(), ch.sendOnly()) should "
                + "compile: a method that only sends needs no more than a SendChan<String>, one that only receives "
                + "no more than a RecvChan<String>. The compiler said: " + viewErrors);

        String sendOnRecv = """
                class SendOnRecv {
                    static void pong(dev.gokata.runtime.RecvChan<String> in) {
                        in.send("pong");
                    }
                }
                """;
        assertFalse(compile("SendOnRecv", sendOnRecv).isEmpty(),
                "sending on a RecvChan<String> compiled: a receive-only channel must have no send");

        String pingGetsRecv = """
                class PingGetsRecv {
                    static void use(dev.gokata.runtime.Chan<String> ch) {
                        dev.gokata.runtime.RecvChan<String> in = ch.recvOnly();
                        pingpong.PingPong.ping(in);
                    }
                }
                """;
        assertFalse(compile("PingGetsRecv", pingGetsRecv).isEmpty(), "ping(...) accepted a receive-only channel: "
                + "declare its parameter as SendChan<String>, so that only a channel you may send on fits");
    }

    @Test
    void serveWaitsForEachReplyBeforeTheNextPing() {
        int rounds = 4;
        Sandbox.runToExit(() -> {
            Chan<String> pings = Chan.make();
            Chan<String> pongs = Chan.make();
            Chan<Object> transcript = Chan.make(1);
            Goroutine server = go(() -> transcript.send(call("serve", rounds, pings, pongs)));
            var expected = new ArrayList<String>();
            for (int k = 1; k <= rounds; k++) {
                String ball = pings.recv();
                assertEquals("ping " + k, ball, "round " + k + ": serve sent '" + ball + "'");
                await().pollInSameThread().atMost(Duration.ofSeconds(2))
                        .until(() -> server.waitReason().isPresent() || server.finished());
                WaitReason waiting = server.waitReason().orElse(null);
                assertEquals(WaitReason.CHAN_RECEIVE, waiting, "round " + k + ": after sending 'ping " + k
                        + "', serve should wait for the reply on pongs (chan receive); it was "
                        + (waiting == null ? "not waiting at all" : "in [" + waiting.text() + "]")
                        + ". A rally alternates: receive 'pong " + k + "' before sending the next ping");
                String reply = "pong " + k + " from the test";
                pongs.send(reply);
                expected.add("ping " + k);
                expected.add(reply);
            }
            assertFalse(pings.recvOk().ok(), "serve sent more than " + rounds + " pings");
            assertEquals(expected, transcript.recv(), "serve's transcript: each ping it sent, then the reply it"
                    + " received, word for word (the test replied with its own words)");
        }, LIMIT, "the rally stopped with every goroutine waiting. serve should send 'ping k', receive the reply, "
                + "and after the last round close pings, so that the returner's range ends");
    }

    @Test
    void returnBallsAnswersEachPingAndStopsWhenPingsIsClosed() {
        Sandbox.runToExit(() -> {
            Chan<String> pings = Chan.make();
            Chan<String> pongs = Chan.make();
            Goroutine returner = go(() -> call("returnBalls", pings, pongs));
            for (int k = 1; k <= 5; k++) {
                pings.send("ping " + k);
                String reply = pongs.recv();
                assertEquals("pong " + k, reply, "returnBalls answered 'ping " + k + "' with '" + reply + "'");
            }
            pings.close();
            await().pollInSameThread().atMost(Duration.ofSeconds(2)).until(returner::finished);
        }, LIMIT, "returnBalls should answer every ping on pongs, one at a time");
    }

    @ParameterizedTest(name = "{0} rounds")
    @ValueSource(ints = {1, 5, 200})
    void aRallyAlternatesStrictly(int rounds) {
        var result = new ArrayList<Object>();
        var run = Sandbox.runToExit(() -> result.add(call("rally", rounds)), LIMIT, "a rally of " + rounds
                + " rounds deadlocked: returnBalls must run in its own goroutine, and serve must wait for each pong "
                + "before the next ping");
        List<String> expected = Stream.iterate(1, k -> k + 1).limit(rounds)
                .flatMap(k -> Stream.of("ping " + k, "pong " + k)).toList();
        assertEquals(expected, result.getFirst(), "rally(" + rounds + ") should alternate ping k, pong k");
        Sandbox.assertNoLeaks(run, Duration.ofMillis(500), "rally returned, but the returner is still running: "
                + "close pings after the last round so that its range over pings ends");
    }

    // ---- helpers ----

    private static Type send() {
        return new Direction(SendChan.class);
    }

    private static Type recv() {
        return new Direction(RecvChan.class);
    }

    /** Stands for {@code SendChan<String>} or {@code RecvChan<String>} in the expected parameter lists. */
    private record Direction(Class<?> raw) implements Type {
        boolean matches(Type actual) {
            return actual instanceof ParameterizedType p && p.getRawType() == raw
                    && p.getActualTypeArguments()[0] == String.class;
        }

        @Override
        public String getTypeName() {
            return raw.getSimpleName() + "<String>";
        }
    }

    private static void assertParameters(String name, List<Type> expected, String why) {
        Method m = method(name);
        Type[] actual = m.getGenericParameterTypes();
        assertEquals(expected.size(), actual.length, name + " should take " + expected.size() + " parameters");
        for (int i = 0; i < actual.length; i++) {
            Type want = expected.get(i);
            boolean ok = want instanceof Direction d ? d.matches(actual[i]) : want.equals(actual[i]);
            if (!ok) {
                var parameter = m.getParameters()[i];
                fail(why + ", so declare its parameter " + (i + 1)
                        + (parameter.isNamePresent() ? " (" + parameter.getName() + ")" : "") + " as "
                        + want.getTypeName() + " instead of " + simple(actual[i]) + ": Go's "
                        + (want.getTypeName().startsWith("Send") ? "chan<- string" : "<-chan string")
                        + ". Then the compiler, not a code review, stops it from being used the wrong way round");
            }
        }
    }

    private static String simple(Type t) {
        return t.getTypeName().replace("dev.gokata.runtime.", "").replace("java.lang.", "");
    }

    private static Method method(String name) {
        return Arrays.stream(PingPong.class.getMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("PingPong has no public static method " + name));
    }

    /** Calls the student's static method {@code name}, rethrowing what it throws. */
    private static Object call(String name, Object... args) {
        try {
            return method(name).invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError("PingPong." + name + " must be public static", e);
        }
    }

    /** Compiles {@code code} against the runtime and the student's classes; returns the compiler's errors. */
    private static List<String> compile(String className, String code) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "this test needs a JDK (with javac), not a JRE");
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        Path out = null;
        try (var files = javac.getStandardFileManager(diagnostics, null, UTF_8)) {
            out = Files.createTempDirectory("gokata-pingpong");
            var source = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return code;
                }
            };
            String classpath = location(RecvChan.class) + java.io.File.pathSeparator + location(PingPong.class);
            var options = List.of("-classpath", classpath, "-d", out.toString(), "-proc:none");
            javac.getTask(null, files, diagnostics, options, null, List.of(source)).call();
        } catch (IOException e) {
            throw new IllegalStateException("could not set up the compiler", e);
        } finally {
            delete(out);
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(null)).collect(Collectors.toList());
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("could not delete " + dir, e);
        }
    }
}

package dev.gokata.grader.classroom;

import static dev.gokata.grader.FakeCourse.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gokata.grader.FakeCourse;
import dev.gokata.grader.sandbox.Bubblewrap;
import dev.gokata.grader.sandbox.SandboxPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A class of honest and hostile students graded by {@code gokata class grade} with the sandbox on (its default):
 * the hostile ones aim at their classmates' folders, the course, the network and the machine's resources. The batch
 * completes, the honest students get full points, the hostile ones the verdict their attack earns, and the
 * submissions folder and the course hash as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class HostileClassTest {

    /** Each student: the hostile fixture it submits (or "reference"), and its points out of 6. */
    private static final Map<String, String> STUDENTS = new LinkedHashMap<>();

    static {
        STUDENTS.put("s-ref-1", "reference");
        STUDENTS.put("s-readother", "readother");
        STUDENTS.put("s-delete", "delete");
        STUDENTS.put("s-network", "network");
        STUDENTS.put("s-writeoutside", "writeoutside");
        STUDENTS.put("s-threadbomb", "threadbomb");
        STUDENTS.put("s-ref-2", "reference");
    }

    Path course;
    Path submissions;
    Path out;
    String stderr;
    int exitCode;
    String before;
    String after;
    ServerSocket listener;
    final AtomicInteger connections = new AtomicInteger();

    @BeforeAll
    void gradeAHostileClass(@TempDir Path tmp) throws Exception {
        var box = Bubblewrap.detect(SandboxPolicy.defaults());
        assumeTrue(box.isolated(), () -> "skipped: " + box.describe());
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try (var s = listener.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        course = FakeCourse.copyTo(tmp.resolve("course")).root();
        submissions = Files.createDirectories(tmp.resolve("submissions"));
        var reference = Files.readString(course.resolve("solutions/src/main/java/adder/Adder.java"));
        var victim = submissions.resolve("s-ref-1/exercises/adder/Adder.java");
        for (var student : STUDENTS.entrySet()) {
            var source = student.getValue().equals("reference") ? reference
                    : Files.readString(resource("hostile/" + student.getValue() + "/Adder.java"))
                    .replace("@OTHER@", victim.toString())
                    .replace("@PORT@", Integer.toString(listener.getLocalPort()))
                    .replace("@COURSE@", course.toString())
                    .replace("@EXERCISES@", submissions.resolve("s-ref-2/exercises").toString())
                    .replace("@HOME@", System.getProperty("user.home"));
            var dir = Files.createDirectories(submissions.resolve(student.getKey()).resolve("exercises/adder"));
            Files.writeString(dir.resolve("Adder.java"), source);
        }
        out = tmp.resolve("out");
        before = fingerprint();
        var e = new StringWriter();
        var cmd = new CommandLine(new ClassCommand()).setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(e));
        exitCode = cmd.execute("grade", submissions.toString(), "--course", course.toString(), "-o", out.toString(),
                "--jobs", "2", "--time-limit", "2m", "--memory", "96");
        stderr = e.toString();
        after = fingerprint();
    }

    @AfterAll
    void closeListener() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void givenAHostileClass_whenGradedInTheSandbox_thenTheBatchCompletesSayingItUsesTheSandbox() {
        assertEquals(0, exitCode, stderr);
        assertTrue(stderr.contains("sandbox: bubblewrap"), stderr);
        assertTrue(stderr.contains(STUDENTS.size() + "/" + STUDENTS.size() + " 100%"), stderr);
    }

    @Test
    void givenAHostileClass_whenGraded_thenHonestStudentsAndContainedAttacksGetFullPoints() throws IOException {
        for (var student : List.of("s-ref-1", "s-ref-2", "s-readother", "s-delete", "s-network", "s-writeoutside")) {
            var json = json(student);
            assertEquals("GRADED", json.get("run").asText(), student);
            assertEquals(6.0, json.get("score").asDouble(), () -> student + ": " + json.toPrettyString());
        }
    }

    @Test
    void givenAThreadBombInTheClass_whenGraded_thenOnlyItsOwnTestsFailNamingTheThreadLimit() throws IOException {
        var json = json("s-threadbomb");
        assertEquals(0.0, json.get("score").asDouble());
        assertTrue(json.toString().contains("thread limit is 512 threads"), json.toPrettyString());
    }

    @Test
    void givenAHostileClass_whenGraded_thenNothingOutsideTheSandboxesChanged() {
        assertEquals(before, after, "the submissions folder or the course changed");
        assertEquals(0, connections.get(), "a submission reached the host's loopback listener");
    }

    private String fingerprint() throws IOException {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (var root : List.of(submissions, course.resolve("exercises"), course.resolve("solutions"))) {
                try (Stream<Path> walk = Files.walk(root)) {
                    for (var p : walk.sorted().toList()) {
                        digest.update(p.toString().getBytes());
                        if (Files.isRegularFile(p)) {
                            digest.update(Files.readAllBytes(p));
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode json(String student) throws IOException {
        return FakeClass.json(out.resolve("results/" + student + ".json"));
    }


}

package dev.gokata.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gokata.grader.catalogue.Kata;
import dev.gokata.grader.report.KataResult;
import dev.gokata.grader.sandbox.Bubblewrap;
import dev.gokata.grader.sandbox.Sandbox;
import dev.gokata.grader.sandbox.SandboxPolicy;
import dev.gokata.grader.worker.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grades the hostile submissions of src/test/resources/hostile/ through the real bubblewrap sandbox: each tries to
 * escape (read a classmate's folder or the private tests, reach the network, write or delete outside its scratch
 * folder, lift its limits) and reports {@code ESCAPED} if it could, or exhausts a resource and must get a verdict
 * naming the limit. After each case, the course, the classmate's folder and the home folder hash as before.
 * Skipped, saying why, where bubblewrap cannot run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HostileSubmissionsTest {
    private static final SandboxPolicy POLICY = SandboxPolicy.defaults().withThreads(200)
            .withCpuTime(Duration.ofSeconds(6)).withScratch(8L << 20);

    Path dir;
    FakeCourse course;
    Sandbox sandbox;
    Grader grader;
    Kata adder;
    Path other;
    ServerSocket listener;
    final AtomicInteger connections = new AtomicInteger();
    String before;

    @BeforeAll
    void setUp(@TempDir Path dir) throws IOException {
        sandbox = Bubblewrap.detect(POLICY);
        assumeTrue(sandbox.isolated(), () -> "skipped: " + sandbox.describe());
        this.dir = dir;
        course = FakeCourse.copyTo(dir.resolve("course"));
        grader = new Grader(course.root, GradeOptions.defaults().withMemory(96).withSandbox(sandbox));
        adder = course.catalogue.get("adder");
        other = dir.resolve("class/bob/exercises/adder/Adder.java");
        Files.createDirectories(other.getParent());
        Files.writeString(other, "// bob's answer, which alice must never see\n");
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
    }

    @AfterAll
    void closeListener() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    @BeforeEach
    void hashBefore() {
        before = fingerprint();
    }

    @AfterEach
    void nothingOutsideChanged() {
        assertEquals(before, fingerprint(), "a hostile submission changed files outside its sandbox");
        assertEquals(0, connections.get(), "a hostile submission reached the host's loopback listener");
    }

    private KataResult grade(String hostile) {
        try {
            var source = Files.readString(FakeCourse.resource("hostile/" + hostile + "/Adder.java"))
                    .replace("@OTHER@", other.toString())
                    .replace("@PRIVATE_SRC@",
                            course.root.resolve("solutions/src/test/java/adder/AdderTest.java").toString())
                    .replace("@SOLUTION_CLASS@",
                            course.root.resolve("solutions/target/classes/adder/Adder.class").toString())
                    .replace("@PORT@", Integer.toString(listener.getLocalPort()))
                    .replace("@COURSE@", course.root.toString())
                    .replace("@EXERCISES@", course.root.resolve("exercises").toString())
                    .replace("@HOME@", System.getProperty("user.home"));
            var sources = dir.resolve("submissions/" + hostile);
            Files.createDirectories(sources);
            Files.writeString(sources.resolve("Adder.java"), source);
            return grader.gradeSources(adder, sources, hostile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every test passes: the attack found nothing to attack. */
    private void assertContained(KataResult r) {
        for (var t : r.tests()) {
            assertEquals(Verdict.PASS, t.verdict(), () -> t.name() + ": " + t.message());
        }
        assertEquals("pass", r.status());
    }

    @Test
    void givenCodeReadingAClassmatesFolder_whenGraded_thenItSeesNothingAndPasses() {
        assertContained(grade("readother"));
    }

    @Test
    void givenCodeReadingThePrivateTestsAndTheSolution_whenGraded_thenNeitherIsThere() {
        assertContained(grade("private"));
    }

    @Test
    void givenCodeReachingForTheNetwork_whenGraded_thenOnlyItsOwnLoopbackExists() {
        assertContained(grade("network"));
    }

    @Test
    void givenCodeWritingOutsideItsScratchFolder_whenGraded_thenEveryWriteFails() {
        assertContained(grade("writeoutside"));
    }

    @Test
    void givenCodeDeletingTheExercises_whenGraded_thenNothingIsDeleted() {
        assertContained(grade("delete"));
    }

    @Test
    void givenCodeLiftingItsOwnLimits_whenGraded_thenTheLimitsStay() {
        assertContained(grade("limits"));
    }

    @Test
    void givenRuntimeHalt_whenGraded_thenEachTestFailsNamingTheExitStatus() {
        for (var t : grade("halt").tests()) {
            assertEquals(Verdict.FAIL, t.verdict(), t.name());
            assertTrue(t.message().contains("exit status 4"), t.message());
        }
    }

    @Test
    void givenSystemExit_whenGraded_thenEachTestFailsNamingTheExitStatus() {
        var r = grader.gradeSources(adder, FakeCourse.resource("submissions/exit"), "exit");
        for (var t : r.tests()) {
            assertEquals(Verdict.FAIL, t.verdict(), t.name());
            assertTrue(t.message().contains("exit status 3"), t.message());
        }
    }

    @Test
    void givenAThreadBomb_whenGraded_thenTheTestsFailNamingTheThreadLimit() {
        var r = grade("threadbomb");
        for (var t : r.tests()) {
            assertFalse(t.passed(), t.name());
            assertTrue(t.message().contains("thread limit is 200 threads"), t.name() + ": " + t.message());
        }
    }

    @Test
    void givenUnboundedAllocation_whenGraded_thenTheTestsFailNamingTheMemoryLimit() {
        var r = grader.gradeSources(adder, FakeCourse.resource("submissions/memory"), "memory");
        for (var t : r.tests()) {
            assertEquals(Verdict.FAIL, t.verdict(), t.name());
            assertTrue(t.message().startsWith("the test ran out of memory (the limit is 96 MiB)"), t.message());
        }
    }

    @Test
    void givenCodeFillingTheDisk_whenGraded_thenTheTestsFailNamingTheScratchLimit() {
        var r = grade("disk");
        for (var t : r.tests()) {
            assertFalse(t.passed(), t.name());
            assertTrue(t.message().contains("scratch folder holds at most 8 MiB"), t.name() + ": " + t.message());
        }
    }

    @Test
    void givenCodeSpinningOnEveryCore_whenGraded_thenItIsStoppedByTheTestTimeLimitOrTheCpuLimit() {
        var r = grade("spin");
        for (var t : r.tests()) {
            assertFalse(t.passed(), t.name());
            assertTrue(t.message().contains("CPU-time limit of 6s") || t.message().startsWith("panic: test timed out"),
                    t.name() + ": " + t.message());
        }
    }

    /** A hash of every file (path, size, content) of the course, the class folder and the home folder's top level. */
    private String fingerprint() {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (var root : List.of(course.root.resolve("exercises"), course.root.resolve("solutions"),
                    dir.resolve("class"))) {
                try (Stream<Path> walk = Files.walk(root)) {
                    for (var p : walk.sorted().toList()) {
                        digest.update(p.toString().getBytes());
                        if (Files.isRegularFile(p)) {
                            digest.update(Files.readAllBytes(p));
                        }
                    }
                }
            }
            try (Stream<Path> home = Files.list(Path.of(System.getProperty("user.home")))) {
                home.map(Path::toString).sorted().forEach(n -> digest.update(n.getBytes()));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

package thumbnails;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.Go;
import dev.gokata.runtime.Goroutine;
import dev.gokata.testkit.Concurrency;
import dev.gokata.testkit.Sandbox;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden tests of the image-pipeline kata (catalog §11.5). The images are drawn and written with ImageIO at run
 * time into a temporary folder: no binary fixtures.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/thumbnails/):
 * <ul>
 *   <li>the untouched starter: correct thumbnails, but one at a time (fails the parallel test) and no limit;</li>
 *   <li>{@code no-cancel-on-error}: the pipeline returns the first error without closing done: the walker and
 *       the thumbnailers stay blocked on their sends (goroutine leak);</li>
 *   <li>{@code one-worker}: a pipeline with a single thumbnailer: the thumbnail step never overlaps;</li>
 *   <li>{@code keeps-saving}: closes done after the limit but keeps ranging over the results, saving what
 *       the workers still send (more than limit thumbnails; the course's own bug);</li>
 *   <li>{@code ignores-save-error}: prints a failed save and goes on saving the others: a thumbnail whose file name
 *       a folder has taken in the output folder must end the pipeline with a StageError of saveThumbnail;</li>
 *   <li>{@code fakes-walk-cancelled}: at the limit, setupPipeline closes done and throws walk cancelled itself,
 *       without receiving the walker's error: with as many images as the limit, the walk ended without losing a
 *       send, and the pipeline must end without an error;</li>
 *   <li>{@code two-workers}: two thumbnailers, not NUM_THUMBNAILERS (as one per core would be on a 2-core
 *       machine): the parallel test sees at most 2 at once.</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ThumbnailsTest {
    private static final Duration SETTLE = Duration.ofMillis(1000);
    private static final Duration LIMIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private static void writeJpeg(Path file, BufferedImage img) throws IOException {
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, "jpg", file.toFile()), "no JPEG writer");
    }

    private static BufferedImage solid(int w, int h, Color c) {
        var img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    /** Red, blue, green bands across (or down) the image: only a centre crop keeps nothing but blue. */
    private static BufferedImage bands(int w, int h) {
        var img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        boolean across = w > h;
        int len = across ? w : h;
        int[] cuts = {0, len / 4, len * 3 / 4, len};
        Color[] colours = {Color.RED, Color.BLUE, Color.GREEN};
        for (int i = 0; i < 3; i++) {
            g.setColor(colours[i]);
            if (across) {
                g.fillRect(cuts[i], 0, cuts[i + 1] - cuts[i], h);
            } else {
                g.fillRect(0, cuts[i], w, cuts[i + 1] - cuts[i]);
            }
        }
        g.dispose();
        return img;
    }

    private static Color colour(int w, int h, int i) {
        return Color.getHSBColor(i / 25f, 0.8f, 0.9f);
    }

    /** {@code n} solid JPEGs of assorted sizes, {@code img-<i>.jpg}. */
    private Path images(String name, int n) throws IOException {
        Path root = dir.resolve(name);
        for (int i = 0; i < n; i++) {
            int w = 64 + (i * 37) % 200;
            int h = 48 + (i * 53) % 150;
            writeJpeg(root.resolve("img-" + i + ".jpg"), solid(w, h, colour(w, h, i)));
        }
        return root;
    }

    private Path out(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    /**
     * Waits, sleeping as a goroutine does, until {@code folder} holds {@code n} files and then {@code saver}, the
     * goroutine that saves them, is blocked in the runtime or has ended, or until 2 s have passed. A file's name
     * shows as soon as its save begins; the saver's next wait comes only after it has finished that save and
     * gone on (closing done, after the last one).
     */
    private static void awaitSaved(Path folder, int n, Goroutine saver) throws IOException {
        long giveUp = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        sleepUntil(() -> names(folder).size() >= n, giveUp);
        sleepUntil(() -> saver.waitReason().isPresent() || saver.finished(), giveUp);
    }

    /**
     * Waits, sleeping as a goroutine does, until {@code calls} reaches {@code n}, or 0.5 s have passed (a pipeline
     * with fewer workers than asked for never gets there).
     */
    private static void awaitCalls(AtomicInteger calls, int n) throws IOException {
        sleepUntil(() -> calls.get() >= n, System.nanoTime() + Duration.ofMillis(500).toNanos());
    }

    /** What a waiting thumbnailer waits for; it may list the output folder. */
    private interface Condition {
        boolean holds() throws IOException;
    }

    /** Sleeps a millisecond at a time, as a goroutine does, until {@code done} holds or {@code giveUp} has passed. */
    private static void sleepUntil(Condition done, long giveUp) throws IOException {
        while (!done.holds() && System.nanoTime() < giveUp) {
            Go.sleep(Duration.ofMillis(1));
        }
    }

    private static Set<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void assertClose(Color expected, int rgb, String where) {
        var c = new Color(rgb);
        int d = Math.abs(c.getRed() - expected.getRed()) + Math.abs(c.getGreen() - expected.getGreen())
                + Math.abs(c.getBlue() - expected.getBlue());
        assertTrue(d < 90, where + " is " + c + ", expected about " + expected
                + ": the thumbnail must be scaled to cover 100 x 100 and cropped around the centre");
    }

    /**
     * Runs {@code pipeline} as the main goroutine of a program of its own, expects it to throw a StageError, then
     * checks that every goroutine it started ends soon after {@code after}, and names those that do not, with their
     * stacks. Returns the error.
     */
    private static StageError assertFailsAndEveryStageEnds(Executable pipeline, String why, String after) {
        StageError[] thrown = {null};
        Sandbox.Run run = Sandbox.runToExit(() -> thrown[0] = assertThrows(StageError.class, pipeline, why), LIMIT,
                "setupPipeline never returned: every goroutine of the pipeline is blocked, waiting for a value or a "
                        + "close that no one will send");
        Sandbox.assertNoLeaks(run, SETTLE, "goroutines of the pipeline were still alive " + SETTLE.toMillis()
                + " ms after " + after + ": close done when setupPipeline returns (in a finally), and make every send "
                + "of every stage a select on done");
        return thrown[0];
    }

    @Test
    void givenJpegsAndDistractors_whenPiped_thenExactlyTheJpegsByContentGet100x100CentreCroppedThumbnails()
            throws Exception {
        Path root = images("in", 6);
        writeJpeg(root.resolve("sub/wide.jpg"), bands(400, 100));
        writeJpeg(root.resolve("sub/deeper/tall.jpg"), bands(90, 360));
        writeJpeg(root.resolve("noext"), bands(300, 100));
        Files.writeString(root.resolve("notes.txt"), "not an image", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("fake.jpg"), "plain text in a .jpg", StandardCharsets.UTF_8);
        assertTrue(ImageIO.write(solid(80, 80, Color.ORANGE), "png", root.resolve("picture.png").toFile()));
        Path out = out("out");

        Thumbnails.setupPipeline(root, out);

        assertEquals(new TreeSet<>(Set.of("img-0.jpg", "img-1.jpg", "img-2.jpg", "img-3.jpg", "img-4.jpg",
                        "img-5.jpg", "wide.jpg", "tall.jpg", "noext")), names(out),
                "the thumbnails made: exactly the files that are JPEGs by content (noext too, fake.jpg not), "
                        + "in subfolders too, saved flat in the output folder under their own file name "
                        + "(sub/wide.jpg as wide.jpg)");
        for (String name : names(out)) {
            BufferedImage t = ImageIO.read(out.resolve(name).toFile());
            assertNotNull(t, name + " is not a readable image");
            assertEquals(100, t.getWidth(), name + " width");
            assertEquals(100, t.getHeight(), name + " height");
        }
        for (String name : Set.of("wide.jpg", "tall.jpg", "noext")) {
            BufferedImage t = ImageIO.read(out.resolve(name).toFile());
            assertClose(Color.BLUE, t.getRGB(50, 50), name + "'s centre");
            assertClose(Color.BLUE, t.getRGB(3, 3), name + "'s top-left corner");
            assertClose(Color.BLUE, t.getRGB(96, 96), name + "'s bottom-right corner");
        }
        BufferedImage t = ImageIO.read(out.resolve("img-3.jpg").toFile());
        assertClose(colour(0, 0, 3), t.getRGB(50, 50), "img-3.jpg's centre");
    }

    @Test
    void givenTwentyImages_whenPiped_thenThumbnailsAreMadeInParallel() throws Exception {
        Path root = images("in", 20);
        Path out = out("out");
        var probe = new Concurrency();
        var missed = new AtomicBoolean();
        int workers = Thumbnails.NUM_THUMBNAILERS;
        Thumbnailer slow = src -> {
            probe.enter();
            try {
                // every worker busy at once lets them all go; fewer workers: wait once, then no more
                if (!missed.get() && !probe.awaitOverlap(workers, Duration.ofSeconds(1))) {
                    missed.set(true);
                }
                return Images.thumbnail(src);
            } finally {
                probe.exit();
            }
        };

        Thumbnails.setupPipeline(root, out, 0, slow);

        assertEquals(20, names(out).size(), "thumbnails saved for 20 images");
        assertEquals(workers, probe.peak(), "at most " + probe.peak() + " thumbnails were made at a time: start"
                + " NUM_THUMBNAILERS (" + workers + ") goroutines that all range over the channel of paths, no more"
                + " and no fewer (not one per core: the stage's width is the program's choice)");
    }

    @Test
    void givenACorruptJpeg_whenPiped_thenTheErrorIsReturnedAndEveryStageEnds() throws Exception {
        Path root = images("in", 12);
        Files.write(root.resolve("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, 4, 5});
        Path out = out("out");

        StageError e = assertFailsAndEveryStageEnds(() -> Thumbnails.setupPipeline(root, out),
                "a JPEG that cannot be decoded must make setupPipeline throw a StageError",
                "setupPipeline threw the error");

        assertEquals("processImage", e.stage(), "the stage of the error: " + e.getMessage());
    }

    /**
     * A thumbnail that cannot be saved (a folder, not empty, has taken its file name in the output folder) makes the
     * pipeline fail with the save's error, stage saveThumbnail, and every stage ends.
     */
    @Test
    void givenAThumbnailThatCannotBeSaved_whenPiped_thenTheSaveErrorIsReturnedAndEveryStageEnds() throws Exception {
        Path root = images("in", 12);
        Path out = out("out");
        Files.writeString(Files.createDirectories(out.resolve("img-3.jpg")).resolve("keep.txt"), "a folder",
                StandardCharsets.UTF_8);

        StageError e = assertFailsAndEveryStageEnds(() -> Thumbnails.setupPipeline(root, out),
                "a thumbnail that cannot be saved (out/img-3.jpg is a folder) must make setupPipeline throw "
                        + "new StageError(\"saveThumbnail\", the save's IOException), not print it and go on",
                "setupPipeline threw the save error");

        assertEquals("saveThumbnail", e.stage(), "the stage of the error: " + e.getMessage());
        assertInstanceOf(IOException.class, e.getCause(), "the save's own error");
    }

    @Test
    void givenAMissingFolder_whenPiped_thenTheWalkErrorIsReturned() throws Exception {
        Path out = out("out");

        StageError e = assertFailsAndEveryStageEnds(() -> Thumbnails.setupPipeline(dir.resolve("no-such-folder"), out),
                "a folder that does not exist must make setupPipeline throw a StageError",
                "setupPipeline threw the walk error");

        assertEquals("walkFiles", e.stage(), "the stage of the error: " + e.getMessage());
        assertInstanceOf(NoSuchFileException.class, e.getCause(), "the walk's own error");
    }

    @Test
    void givenALimitOf5_whenPiped_thenTheWalkIsCancelledAfterFiveThumbnails() throws Exception {
        Path root = images("in", 20);
        // When done is closed, every other worker must hold a result, so that a pipeline that keeps ranging
        // receives one, unless each worker's select picks done (one chance in two for each, hence the rounds):
        // - the fifth thumbnail is made only once every other worker has begun a later one, so that the walk
        //   cannot end at five (it did, and then the walker's own select decided alone);
        // - every thumbnail after the fifth is made only once five are saved and the goroutine that saved them
        //   has gone on to wait, so after done is closed (a worker that saw the five files alone could return
        //   while the fifth was being written, and wait in its select for done).
        int othersBegun = 4 + Thumbnails.NUM_THUMBNAILERS;
        for (int round = 1; round <= 5; round++) {
            Path out = out("out-" + round);
            var calls = new AtomicInteger();
            var saver = new AtomicReference<Goroutine>();
            Thumbnailer counting = src -> {
                int call = calls.incrementAndGet();
                boolean worker = Goroutine.current() != saver.get(); // not so in a walk that makes them one by one
                if (worker && call == 5) {
                    awaitCalls(calls, othersBegun);
                } else if (worker && call > 5) {
                    awaitSaved(out, 5, saver.get());
                }
                return Images.thumbnail(src);
            };

            StageError e = assertFailsAndEveryStageEnds(() -> {
                saver.set(Goroutine.current());
                Thumbnails.setupPipeline(root, out, 5, counting);
            },
                    "with limit 5 and 20 images, setupPipeline must close done after saving 5 thumbnails and "
                            + "throw the walker's error, walk cancelled (README step 5, early termination)",
                    "the pipeline was cancelled");

            assertEquals("stage = walkFiles: error = walk cancelled", e.getMessage());
            assertEquals(5, names(out).size(), "thumbnails saved with limit 5 (round " + round + "): stop "
                    + "ranging over the results once you close done");
            int limit = 5 + Thumbnails.NUM_THUMBNAILERS + 2;
            assertTrue(calls.get() <= limit, calls.get() + " thumbnails were made for 5 saved: after done is "
                    + "closed, the walker must stop sending paths (at most " + limit + ")");
        }
    }

    /**
     * With a limit of 3 and 3 images, the walker has sent every path (the third save needs the third path) before
     * done is closed: no send of its loses to done, so it reports no error, and setupPipeline returns normally.
     */
    @Test
    void givenALimitEqualToTheNumberOfImages_whenPiped_thenTheWalkEndsWithoutAnError() throws Exception {
        Path root = images("in", 3);
        Path out = out("out");

        String why = "with limit 3 and 3 images the walker sent every path and reported no error: setupPipeline"
                + " must not throw. After closing done, receive the walker's error from its channel and throw"
                + " StageError(\"walkFiles\", err) only if there is one; do not make up walk cancelled";
        Sandbox.Run run = Sandbox.runToExit(() -> assertDoesNotThrow(() -> Thumbnails.setupPipeline(root, out, 3,
                Images::thumbnail), why), LIMIT,
                "setupPipeline never returned: every goroutine of the pipeline is blocked, waiting for a value or a "
                        + "close that no one will send");
        Sandbox.assertNoLeaks(run, SETTLE, "goroutines of the pipeline were still alive " + SETTLE.toMillis()
                + " ms after setupPipeline returned: close done when it returns (in a finally), and make every send"
                + " of every stage a select on done");

        assertEquals(3, names(out).size(), "thumbnails saved for 3 images with limit 3");
    }
}

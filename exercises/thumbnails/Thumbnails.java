package thumbnails;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Makes thumbnails of every JPEG in a folder, one image after the other. Turn it into a pipeline:
 * walkFiles -> processImage (NUM_THUMBNAILERS goroutines) -> save, that ends every goroutine on an error.
 */
public final class Thumbnails {
    /** How many goroutines make thumbnails at the same time. */
    public static final int NUM_THUMBNAILERS = 5;

    private Thumbnails() {
    }

    /**
     * Makes a thumbnail in {@code outDir} (same file name) of every file under {@code root} that is a JPEG by
     * content, with {@link #NUM_THUMBNAILERS} goroutines making thumbnails in parallel. With {@code limit > 0},
     * stops after saving that many and reports {@code stage = walkFiles: error = walk cancelled}.
     *
     * @throws StageError from the first stage that failed; every goroutine of the pipeline ends soon after
     */
    public static void setupPipeline(Path root, Path outDir, int limit, Thumbnailer thumbnailer) throws StageError {
        // TODO: convert this sequential walk into a pipeline:
        //   walkFiles(done, root): a goroutine that sends the JPEG paths, and its error on a channel of capacity 1;
        //   processImage(done, paths): NUM_THUMBNAILERS goroutines that send a result (thumbnail or error) each;
        //   here: save each result; on the first error throw new StageError("processImage", err); after the
        //   range, throw the walker's error as StageError("walkFiles", err); close done in a finally, so that
        //   every stage ends however setupPipeline returns.
        // TODO: with limit > 0, close done after saving limit thumbnails and stop saving; the walker then
        //   reports "walk cancelled".
        try (Stream<Path> files = Files.walk(root)) {
            for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
                Path p = it.next();
                if (!Files.isRegularFile(p) || !Images.isJpeg(p)) {
                    continue;
                }
                BufferedImage thumbnail;
                try {
                    thumbnail = thumbnailer.thumbnail(p);
                } catch (IOException e) {
                    throw new StageError("processImage", e);
                }
                try {
                    Images.save(thumbnail, outDir.resolve(p.getFileName()));
                } catch (IOException e) {
                    throw new StageError("saveThumbnail", e);
                }
            }
        } catch (IOException e) {
            throw new StageError("walkFiles", e);
        } catch (UncheckedIOException e) {
            throw new StageError("walkFiles", e.getCause());
        }
    }

    /** The whole program without a limit, with Images::thumbnail. */
    public static void setupPipeline(Path root, Path outDir) throws StageError {
        setupPipeline(root, outDir, 0, Images::thumbnail);
    }

    /** {@code Thumbnails <image folder> <thumbnail folder>}: makes the thumbnails and prints the time taken. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("need to send directory path of images and of thumbnails");
            System.exit(1);
        }
        Instant start = Instant.now();
        Path out = Files.createDirectories(Path.of(args[1]));
        setupPipeline(Path.of(args[0]), out);
        System.out.println("Time taken: " + Duration.between(start, Instant.now()));
    }
}

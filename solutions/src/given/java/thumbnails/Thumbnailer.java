package thumbnails;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** The thumbnail step, as a parameter: {@code Images::thumbnail} in the program, wrapped by the hidden tests. */
@FunctionalInterface
public interface Thumbnailer {
    /** Reads {@code src} and returns its thumbnail. */
    BufferedImage thumbnail(Path src) throws IOException;
}

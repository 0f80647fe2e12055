package thumbnails;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** The image work of the kata, given: sniffing a JPEG by content, making a thumbnail, saving it. */
public final class Images {
    /** Thumbnails are SIZE x SIZE pixels. */
    public static final int SIZE = 100;

    static {
        ImageIO.setUseCache(false); // decode in memory: no temporary files
    }

    private Images() {
    }

    /** True if the file's content starts like a JPEG ({@code FF D8 FF}), whatever its name: Go's content sniffing. */
    public static boolean isJpeg(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(3);
            return head.length == 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 && (head[2] & 0xff) == 0xFF;
        }
    }

    /**
     * Reads the image at {@code src} and returns its 100 x 100 thumbnail: scaled, keeping the aspect ratio, until
     * it covers 100 x 100, then cropped around the centre (Go's {@code imaging.Thumbnail}).
     *
     * @throws IOException if the file cannot be read or is not a valid image
     */
    public static BufferedImage thumbnail(Path src) throws IOException {
        BufferedImage img = ImageIO.read(src.toFile());
        if (img == null) {
            throw new IOException("image: unknown format: " + src);
        }
        double scale = Math.max((double) SIZE / img.getWidth(), (double) SIZE / img.getHeight());
        int w = (int) Math.ceil(img.getWidth() * scale);
        int h = (int) Math.ceil(img.getHeight() * scale);
        var thumb = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, (SIZE - w) / 2, (SIZE - h) / 2, w, h, null);
        } finally {
            g.dispose();
        }
        return thumb;
    }

    /** Saves {@code img} as a JPEG file at {@code dst}. */
    public static void save(BufferedImage img, Path dst) throws IOException {
        if (!ImageIO.write(img, "jpg", dst.toFile())) {
            throw new IOException("no JPEG writer for " + dst);
        }
    }
}

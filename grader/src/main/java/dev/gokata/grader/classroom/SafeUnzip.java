package dev.gokata.grader.classroom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Extracts a student's zip without trusting it: every entry must land inside the target folder (no zip-slip through
 * {@code ../} or absolute names), and the entry count, each file's size and the total size are capped while
 * reading, so a zip bomb stops at the cap whatever its headers claim. Symbolic links are never created.
 */
final class SafeUnzip {

    /** The caps of one extraction. */
    record Limits(int maxEntries, long maxFileBytes, long maxTotalBytes) {
        static final Limits DEFAULT = new Limits(10_000, 8L << 20, 64L << 20);
    }

    /** A zip that breaks a rule or cannot be read; the message says which, for the report. */
    static final class UnsafeZipException extends IOException {
        UnsafeZipException(String message) {
            super(message);
        }
    }

    private SafeUnzip() {
    }

    /** Extracts {@code zip} into {@code target} (created; must be empty or absent). */
    static void extract(Path zip, Path target, Limits limits) throws IOException {
        Files.createDirectories(target);
        var root = target.toAbsolutePath().normalize();
        int entries = 0;
        long total = 0;
        var buffer = new byte[64 * 1024];
        try (var in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (++entries > limits.maxEntries()) {
                    throw new UnsafeZipException("the zip has more than " + limits.maxEntries() + " entries");
                }
                var name = entry.getName().replace('\\', '/');
                var out = root.resolve(stripLeadingSlashes(name)).normalize();
                if (name.startsWith("/") || name.matches("^[A-Za-z]:.*") || !out.startsWith(root) || out.equals(root)) {
                    throw new UnsafeZipException("the zip entry '" + name + "' points outside the submission folder");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                long size = 0;
                try (var file = Files.newOutputStream(out)) {
                    for (int n; (n = read(in, buffer)) > 0; ) {
                        size += n;
                        total += n;
                        if (size > limits.maxFileBytes()) {
                            throw new UnsafeZipException("the zip entry '" + name + "' is larger than "
                                    + limits.maxFileBytes() / (1 << 20) + " MiB");
                        }
                        if (total > limits.maxTotalBytes()) {
                            throw new UnsafeZipException("the zip holds more than "
                                    + limits.maxTotalBytes() / (1 << 20) + " MiB");
                        }
                        file.write(buffer, 0, n);
                    }
                }
            }
        } catch (UnsafeZipException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new UnsafeZipException("the zip cannot be read: " + e.getMessage());
        }
        if (entries == 0) {
            throw new UnsafeZipException("the zip is empty or not a zip file");
        }
    }

    private static String stripLeadingSlashes(String name) {
        return name.replaceFirst("^/+", "");
    }

    private static int read(InputStream in, byte[] buffer) throws IOException {
        return in.read(buffer, 0, buffer.length);
    }
}

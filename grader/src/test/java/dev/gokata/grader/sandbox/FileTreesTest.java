package dev.gokata.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path tmp;

    @Test
    void givenALinkToAReadOnlyFileOutside_whenTheFolderIsDeleted_thenTheFileKeepsItsPermissionsAndContent()
            throws IOException {
        assumeTrue(posix(), "POSIX permissions");
        Path outside = Files.writeString(tmp.resolve("instructors-file.txt"), "keep me");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("r--r--r--"));
        Path work = Files.createDirectories(tmp.resolve("work/scratch"));
        Files.createSymbolicLink(work.resolve("link"), outside);

        FileTrees.delete(tmp.resolve("work"));

        assertFalse(Files.exists(tmp.resolve("work"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(outside)));
        assertEquals("keep me", Files.readString(outside));
    }

    @Test
    void givenALinkToAFolderOutside_whenTheFolderIsDeleted_thenTheFolderOutsideKeepsItsFiles() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("a.txt"), "a");
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.createSymbolicLink(work.resolve("link"), outside);

        FileTrees.delete(work);

        assertFalse(Files.exists(work, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(outside.resolve("a.txt")));
    }

    @Test
    void givenFoldersAndFilesTheCodeLocked_whenDeleted_thenAllAreGone() throws IOException {
        assumeTrue(posix(), "POSIX permissions");
        Path work = Files.createDirectories(tmp.resolve("work/locked/deeper"));
        Files.writeString(work.resolve("file.txt"), "x");
        Files.setPosixFilePermissions(work.resolve("file.txt"), PosixFilePermissions.fromString("r--------"));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(work.getParent(), PosixFilePermissions.fromString("r-x------"));

        FileTrees.delete(tmp.resolve("work"));

        assertFalse(Files.exists(tmp.resolve("work"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void givenNoFolder_whenDeleted_thenNothingHappens() throws IOException {
        FileTrees.delete(tmp.resolve("absent"));
        assertFalse(Files.exists(tmp.resolve("absent")));
    }

    @Test
    void givenATree_whenCopied_thenEveryFileIsThereAtItsPath() throws IOException {
        Path from = Files.createDirectories(tmp.resolve("from/a/b"));
        Files.writeString(from.resolve("c.txt"), "c");
        Files.writeString(tmp.resolve("from/top.txt"), "top");

        FileTrees.copy(tmp.resolve("from"), tmp.resolve("to"));

        assertEquals("c", Files.readString(tmp.resolve("to/a/b/c.txt")));
        assertEquals("top", Files.readString(tmp.resolve("to/top.txt")));
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}

package dev.gokata.grader;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** What went wrong with a file, in words a user can act on, where Java's exceptions hold only the bare path. */
public final class FileErrors {
    private FileErrors() {
    }

    /** Why {@code e} happened: "permission denied", "no such file or folder"..., else the exception's own words. */
    public static String why(IOException e) {
        return switch (e) {
            case AccessDeniedException a -> "permission denied";
            case FileAlreadyExistsException a -> "is in the way (a file where a folder is needed, or one that exists"
                    + " already)";
            case NoSuchFileException n -> "no such file or folder";
            case NotDirectoryException n -> "not a folder";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.toString();
        };
    }
}

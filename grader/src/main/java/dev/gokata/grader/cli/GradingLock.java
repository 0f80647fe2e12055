package dev.gokata.grader.cli;

import dev.gokata.grader.catalogue.Course;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One grading of the student's katas at a time in a clone ({@code gokata grade} and {@code gokata watch}, in two
 * terminals, say): both compile into {@code .gokata/build/<kata>/}, and the second one's fresh folder took the
 * classes from under the first one's tests, which then found none and scored 0. The second waits, and says so.
 *
 * <p>The lock is an operating-system lock on {@code .gokata/grading.lock}: it goes with the process that holds it,
 * however that process ends, so a grading stopped with Ctrl-C never leaves the clone locked.
 */
final class GradingLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private GradingLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the clone's grading lock, first telling {@code err} when another gokata holds it and this one waits. */
    static GradingLock acquire(Course course, PrintWriter err) throws IOException {
        Path file = course.gokataDir().resolve("grading.lock");
        Files.createDirectories(file.getParent());
        var channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            var lock = channel.tryLock();
            if (lock == null) {
                err.println("gokata: another gokata is grading in this clone (grade or watch, in another terminal);"
                        + " waiting for it to finish...");
                err.flush();
                lock = channel.lock();
            }
            return new GradingLock(channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}

package dev.gokata.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Tells when a kata's source files changed: file events where the platform has them, and, since those are missed on
 * some file systems (network and container mounts), a poll of the files' modification times every second as well.
 * A burst of saves (an editor's write-and-rename) counts as one change.
 */
final class SourceWatcher implements AutoCloseable {
    private static final long QUIET_MILLIS = 250;
    private final Path dir;
    private final WatchService events;
    private Map<Path, FileTime> last;

    SourceWatcher(Path dir, boolean poll) {
        this.dir = dir;
        this.events = poll ? null : register(dir);
        this.last = snapshot();
    }

    private static WatchService register(Path dir) {
        try {
            var ws = FileSystems.getDefault().newWatchService();
            dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            return ws;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Waits up to {@code millis} for a change; true if the sources changed. */
    boolean awaitChange(long millis) throws InterruptedException {
        boolean evented = false;
        if (events != null) {
            try {
                var key = events.poll(millis, TimeUnit.MILLISECONDS);
                if (key != null) {
                    evented = true;
                    key.pollEvents();
                    key.reset();
                    Thread.sleep(QUIET_MILLIS);
                    drain();
                }
            } catch (ClosedWatchServiceException e) {
                return false;
            }
        } else {
            Thread.sleep(millis);
        }
        var now = snapshot();
        boolean changed = !now.equals(last);
        last = now;
        return evented || changed;
    }

    private void drain() {
        for (var key = events.poll(); key != null; key = events.poll()) {
            key.pollEvents();
            key.reset();
        }
    }

    private Map<Path, FileTime> snapshot() {
        var map = new TreeMap<Path, FileTime>();
        if (!Files.isDirectory(dir)) {
            return map;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                try {
                    map.put(p, Files.getLastModifiedTime(p));
                } catch (IOException e) {
                    // deleted between the walk and the read: the next snapshot sees it
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the folder is being rewritten; try again next time
        }
        return map;
    }

    @Override
    public void close() throws IOException {
        if (events != null) {
            events.close();
        }
    }
}

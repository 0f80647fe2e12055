package dev.gokata.grader.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends {@link WorkerEvent}s to the results file, one JSON object per line, each flushed to the file before the
 * call returns, so the host finds every finished test even if the JVM dies on the next line.
 *
 * <p>Implementation note: {@link #write} is synchronized; a shutdown hook may write while a test thread does.
 */
final class EventWriter implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
    private final OutputStream out;

    EventWriter(Path file) throws IOException {
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    synchronized void write(WorkerEvent event) {
        try {
            out.write(JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the worker's results", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}

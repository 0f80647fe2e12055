package dev.gokata.grader.classroom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/**
 * Joins the output folders of a sharded batch ({@code gokata class grade --shard I/N}) into one: every shard's
 * results files are copied into {@code out/results/}. A student found in two shards with different results is an
 * error (the shards did not split the same class the same way); the same file twice is fine (a re-run shard).
 */
public final class ClassMerge {

    private ClassMerge() {
    }

    /** Copies the results of every folder of {@code shards} into {@code out}; returns how many students it has. */
    public static int merge(List<Path> shards, Path out) throws IOException {
        var target = new ResultsStore(out.resolve("results"));
        Files.createDirectories(target.dir());
        for (var shard : shards) {
            var results = shard.resolve("results");
            if (!Files.isDirectory(results)) {
                throw new IOException("no results/ folder in " + shard
                        + ": give the output folders of `gokata class grade --shard I/N` runs");
            }
            if (Files.isSameFile(results, target.dir())) {
                continue;
            }
            for (var file : new ResultsStore(results).files()) {
                var into = target.dir().resolve(file.getFileName());
                if (Files.exists(into) && !Arrays.equals(Files.readAllBytes(into), Files.readAllBytes(file))) {
                    throw new IOException(file.getFileName() + " is in two shards with different results (" + file
                            + " and " + into + "): were both graded with the same --shard count over the same folder?");
                }
                Files.copy(file, into, StandardCopyOption.REPLACE_EXISTING);
            }
            var journal = shard.resolve("journal.log");
            if (Files.exists(journal) && !Files.isSameFile(shard, out)) {
                Files.write(out.resolve("journal.log"), Files.readAllBytes(journal),
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
        }
        return target.files().size();
    }
}

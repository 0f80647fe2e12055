package dev.gokata.grader.classroom;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gokata.grader.catalogue.Kata;
import dev.gokata.grader.catalogue.KataCatalogue;
import dev.gokata.grader.catalogue.TestGroup;
import dev.gokata.grader.sandbox.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hidden tests a batch grades with: the instructor repository's compiled tests, plus an optional second set of
 * private tests (a jar or a folder of classes) that never ships to students. The two are laid into one classes
 * folder for the worker JVMs, and the private set's test classes join their katas' test groups.
 *
 * <p>Which private classes count, and for how many points, comes from {@code gokata-extra.yaml} at the root of the
 * set (the catalogue's format: {@code katas: [{id, tests: [{class, points}]}]}). Without it, every top-level class
 * {@code <kata>/*Test.class} of a graded kata joins that kata worth 0 points: its failures show in the report
 * without changing grades.
 *
 * @param classes the folder of compiled hidden tests the workers load
 * @param extra   the private test groups per kata id (empty without a private set)
 */
record HiddenTests(Path classes, Map<String, List<TestGroup>> extra) {

    static final String EXTRA_FILE = "gokata-extra.yaml";

    /** The instructor's own tests only. */
    static HiddenTests of(Path testClasses) {
        return new HiddenTests(testClasses, Map.of());
    }

    /** The instructor's tests plus the private set at {@code extra}, laid out under {@code work}. */
    static HiddenTests withExtra(Path testClasses, Path extra, KataCatalogue catalogue, Path work) throws IOException {
        var merged = work.resolve("hidden-tests");
        FileTrees.delete(merged);
        FileTrees.copy(testClasses, merged);
        var extraRoot = extra;
        if (Files.isRegularFile(extra)) {
            extraRoot = work.resolve("extra-tests");
            FileTrees.delete(extraRoot);
            SafeUnzip.extract(extra, extraRoot, new SafeUnzip.Limits(100_000, 256L << 20, 1L << 30));
        } else if (!Files.isDirectory(extra)) {
            throw new IOException("no private tests at " + extra + ": give a jar or a folder of compiled test classes");
        }
        FileTrees.copy(extraRoot, merged);
        var groups = new LinkedHashMap<String, List<TestGroup>>();
        var declared = extraRoot.resolve(EXTRA_FILE);
        if (Files.exists(declared)) {
            var mapper = new ObjectMapper(new YAMLFactory())
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            var file = mapper.readValue(declared.toFile(), ExtraFile.class);
            for (var entry : file.katas() == null ? List.<ExtraKata>of() : file.katas()) {
                catalogue.get(entry.id());
                groups.put(entry.id(), List.copyOf(entry.tests()));
            }
        } else {
            for (var kata : catalogue.katas()) {
                var dir = extraRoot.resolve(kata.id());
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                var known = kata.tests().stream().map(TestGroup::className).toList();
                try (var files = Files.list(dir)) {
                    var found = files.map(f -> f.getFileName().toString())
                            .filter(n -> n.endsWith("Test.class") && !n.contains("$"))
                            .map(n -> n.substring(0, n.length() - ".class".length()))
                            .filter(n -> !known.contains(n)).sorted()
                            .map(n -> new TestGroup(n, 0)).toList();
                    if (!found.isEmpty()) {
                        groups.put(kata.id(), found);
                    }
                }
            }
        }
        return new HiddenTests(merged, groups);
    }

    /** {@code kata} with the private test groups added. */
    Kata apply(Kata kata) {
        var more = extra.getOrDefault(kata.id(), List.of());
        if (more.isEmpty()) {
            return kata;
        }
        var tests = new ArrayList<>(kata.tests());
        tests.addAll(more);
        return new Kata(kata.id(), kata.title(), kata.section(), kata.main(), kata.timeLimit(), kata.testTimeLimit(),
                tests, kata.hints(), kata.ready());
    }

    /** The private groups as the child grading process reads them back ({@code --extra-groups}). */
    String encode() {
        var out = new StringBuilder();
        extra.forEach((kata, groups) -> groups.forEach(g ->
                out.append(kata).append(':').append(g.className()).append(':').append(g.points()).append(',')));
        return out.toString();
    }

    /** Reads {@link #encode()}'s form. */
    static Map<String, List<TestGroup>> decode(String text) {
        var groups = new LinkedHashMap<String, List<TestGroup>>();
        for (var item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            var parts = item.split(":");
            groups.computeIfAbsent(parts[0], k -> new ArrayList<>())
                    .add(new TestGroup(parts[1], Integer.parseInt(parts[2])));
        }
        return groups;
    }

    /** The shape of {@code gokata-extra.yaml}. */
    record ExtraFile(List<ExtraKata> katas) {
    }

    /** One kata's private test groups. */
    record ExtraKata(String id, List<TestGroup> tests) {
    }
}

package dev.gokata.race.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The race corpus: every racy program is reported on every run, with exactly the source lines marked
 * {@code // RACE}; no correct program is ever reported. One child JVM runs the whole corpus {@value #RUNS} times.
 */
@Timeout(120)
class RaceCorpusTest {
    static final int RUNS = 3;
    static final List<String> RACY = List.of("RacyJoin", "RacyCounter", "RacyBank", "RacyLoopVar", "RacyCondMap",
            "RacyCrawler", "RacyArray", "RacyVolatileAfter", "RacyList", "RacyStringBuilder", "RacyTimer",
            "RacyMutexBank", "RacyCondMapGo", "RacyHelper", "RacyAfterThrow", "RacyWaitGroupAdd");
    static final List<String> SAFE = List.of("SafeSynchronized", "SafeVolatile", "SafeStartJoin",
            "SafePartitionedArray", "SafeAtomics", "SafeLocks", "SafeLatchSemaphore", "SafeExecutors",
            "SafeCollections", "SafeWaitNotify", "SafeGoFork", "SafeTimer", "SafeWaitGroup", "SafeChannels",
            "SafeSyncPackage", "SafeMonitorShapes");

    /** One line of the runner's output. */
    record Run(String program, String outcome, int races, List<List<String>> reportLines) {
    }

    private static final Map<String, List<Run>> RESULTS = new HashMap<>();
    private static String childErr;

    @BeforeAll
    static void runCorpus() throws Exception {
        List<String> args = new ArrayList<>();
        args.add(String.valueOf(RUNS));
        Stream.concat(RACY.stream(), SAFE.stream()).forEach(c -> args.add("corpus." + c));
        ChildJvm.Result r = ChildJvm.run(true, 100, CorpusRunner.class.getName(), args.toArray(String[]::new));
        childErr = r.err();
        assertEquals(0, r.exitCode(), r.err());
        for (String line : r.out().lines().filter(l -> l.startsWith("RESULT|")).toList()) {
            String[] f = line.split("\\|", -1);
            String program = f[1].substring("corpus.".length());
            List<List<String>> reports = f[5].isEmpty() ? List.of()
                    : Stream.of(f[5].split(";")).map(p -> List.of(p.split(","))).toList();
            RESULTS.computeIfAbsent(program, k -> new ArrayList<>())
                    .add(new Run(program, f[3], Integer.parseInt(f[4]), reports));
        }
    }

    @TestFactory
    Stream<DynamicTest> givenRacyProgram_whenRunWithDetector_thenMarkedLinesReportedEveryRun() {
        return RACY.stream().map(p -> DynamicTest.dynamicTest(p, () -> {
            Set<String> expected = markedLines(p);
            List<Run> runs = RESULTS.getOrDefault(p, List.of());
            assertEquals(RUNS, runs.size(), "runs of " + p + "\n" + childErr);
            for (Run run : runs) {
                assertTrue(run.races() >= 1, p + ": no race reported\n" + childErr);
                Set<String> seen = new TreeSet<>();
                run.reportLines().forEach(seen::addAll);
                assertEquals(expected, seen, p + ": reported lines\n" + childErr);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> givenCorrectProgram_whenRunWithDetector_thenNoRaceAndNormalExit() {
        return SAFE.stream().map(p -> DynamicTest.dynamicTest(p, () -> {
            List<Run> runs = RESULTS.getOrDefault(p, List.of());
            assertEquals(RUNS, runs.size(), "runs of " + p + "\n" + childErr);
            for (Run run : runs) {
                assertEquals(0, run.races(), p + ": false positive\n" + childErr);
                assertEquals("Exited", run.outcome(), p + "\n" + childErr);
            }
        }));
    }

    /** {@code File.java:LINE} of each line marked {@code // RACE} in the program's source. */
    static Set<String> markedLines(String program) throws IOException {
        Path source = source(program);
        List<String> lines = Files.readAllLines(source);
        Set<String> marked = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// RACE")) {
                marked.add(program + ".java:" + (i + 1));
            }
        }
        assertFalse(marked.isEmpty(), "no // RACE marker in " + source);
        return marked;
    }

    /** The number of the one line of the program's source that contains {@code text}. */
    static int lineOf(String program, String text) throws IOException {
        List<String> lines = Files.readAllLines(source(program));
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                found.add(i + 1);
            }
        }
        assertEquals(1, found.size(), "lines of " + program + " with " + text);
        return found.getFirst();
    }

    private static Path source(String program) {
        return Path.of(System.getProperty("basedir", "."), "src", "test", "java", "corpus", program + ".java");
    }
}

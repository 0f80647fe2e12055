package dev.gokata.race.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GoRun}, the {@code go run -race} launcher, end to end in a child JVM: output and exit status. */
@Timeout(60)
class GoRunTest {

    @Test
    void givenRacyProgram_whenGoRunWithRace_thenReportFoundAndStatus66() throws Exception {
        ChildJvm.Result r = ChildJvm.run(true, 50, "dev.gokata.runtime.GoRun", "corpus.RacyJoin");
        assertEquals(66, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("the value of data is "), r.out());
        String err = r.err();
        // Which access comes first depends on the schedule; both orders are Go's format.
        assertTrue(err.startsWith("==================\nWARNING: DATA RACE\n"), err);
        assertTrue(err.matches("(?s).*\\n(Write|Previous write) at 0x00c0[0-9a-f]{8} \\(corpus\\.RacyJoin\\.data\\) "
                + "by goroutine 2:\\n  corpus\\.RacyJoin\\.main\\.func1\\(\\)\\n"
                + "      RacyJoin\\.java:14 \\+0x0\\n.*"), err);
        assertTrue(err.matches("(?s).*\\n(Read|Previous read) at 0x00c0[0-9a-f]{8} \\(corpus\\.RacyJoin\\.data\\) "
                + "by main goroutine:\\n  corpus\\.RacyJoin\\.main\\(\\)\\n      RacyJoin\\.java:16 \\+0x0\\n.*"), err);
        assertTrue(err.matches("(?s).*\\nGoroutine 2 \\((running|finished)\\) created at:\\n"
                + "  corpus\\.RacyJoin\\.main\\(\\)\\n"
                + "      RacyJoin\\.java:13 \\+0x0\\n.*"), err);
        assertTrue(r.err().endsWith("==================\nFound 1 data race(s)\n"), r.err());
    }

    @Test
    void givenRaceInsideHelpers_whenGoRunWithRace_thenThePreviousAccessHasItsWholeStack() throws Exception {
        ChildJvm.Result r = ChildJvm.run(true, 50, "dev.gokata.runtime.GoRun", "corpus.RacyHelper");
        assertEquals(66, r.exitCode(), r.err());
        // The goroutine's thread ends before main reads, so its write is the previous access on every run; its stack
        // goes from the helper's line up to the goroutine's function, as Go prints it.
        String previous = "\nPrevious write at 0x00c0[0-9a-f]{8} \\(java\\.util\\.HashMap\\) by goroutine 2:\n"
                + frame("RacyHelper", "visit", "seen.put(url, true)")
                + frame("RacyHelper", "crawl", "visit(url);")
                + frame("RacyHelper", "main.func1", "go(() -> c.crawl(")
                + "\n";
        assertTrue(r.err().matches("(?s).*" + previous + ".*"), r.err());
        String current = "\nRead at 0x00c0[0-9a-f]{8} \\(java\\.util\\.HashMap\\) by main goroutine:\n"
                + frame("RacyHelper", "missing", "seen.containsKey(url)")
                + frame("RacyHelper", "main", "c.missing(")
                + "\n";
        assertTrue(r.err().matches("(?s).*" + current + ".*"), r.err());
    }

    @Test
    void givenExceptionsThrownThroughHelpers_whenGoRunWithRace_thenNoStaleFramesInTheNextStack() throws Exception {
        ChildJvm.Result r = ChildJvm.run(true, 50, "dev.gokata.runtime.GoRun", "corpus.RacyAfterThrow");
        assertEquals(66, r.exitCode(), r.err());
        // One frame, then the blank line: neither the throw the pool caught (the catch-all as it left the task) nor
        // the one the task caught (its handler) left the path of the calls that threw.
        String previous = "\nPrevious write at 0x00c0[0-9a-f]{8} \\(corpus\\.RacyAfterThrow\\.count\\) "
                + "by goroutine 2:\n" + frame("RacyAfterThrow", "main.func2", "r.count++;") + "\n";
        assertTrue(r.err().matches("(?s).*" + previous + ".*"), r.err());
    }

    /** A frame of a report as a regular expression: {@code corpus.program.function}, and the line with {@code text}. */
    private static String frame(String program, String function, String text) throws IOException {
        return "  " + Pattern.quote("corpus." + program + "." + function + "()") + "\n      " + program
                + "\\.java:" + RaceCorpusTest.lineOf(program, text) + " \\+0x0\n";
    }

    @Test
    void givenRacyProgram_whenGoRunWithoutRace_thenStatus0AndNoReport() throws Exception {
        ChildJvm.Result r = ChildJvm.run(false, 50, "dev.gokata.runtime.GoRun", "corpus.RacyJoin");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.err().contains("DATA RACE"), r.err());
    }

    @Test
    void givenCorrectProgram_whenGoRunWithRace_thenStatus0() throws Exception {
        ChildJvm.Result r = ChildJvm.run(true, 50, "dev.gokata.runtime.GoRun", "corpus.SafeExecutors");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
    }

    @Test
    void givenCheckThenActOnAConcurrentSet_whenGoRunWithRace_thenBothGoroutinesPassTheCheck() throws Exception {
        // One carrier: goroutines take turns in a fixed order, so the outcome is certain either way.
        var oneCarrier = List.of("-Djdk.virtualThreadScheduler.parallelism=1");
        ChildJvm.Result race = ChildJvm.run(true, oneCarrier, 50, "dev.gokata.runtime.GoRun", "corpus.CheckThenAct");
        assertEquals(0, race.exitCode(), race.err());
        assertEquals("", race.err(), "check-then-act is no data race");
        assertEquals("2 goroutines acted on the same key\n", race.out(),
                "under the race detector the first goroutine yields after contains,"
                        + " so the second passes the check too");
        ChildJvm.Result quiet = ChildJvm.run(false, oneCarrier, 50, "dev.gokata.runtime.GoRun", "corpus.CheckThenAct");
        assertEquals("1 goroutines acted on the same key\n", quiet.out(), "without it the window stays closed");
    }

    @Test
    void givenPanickingProgram_whenGoRun_thenPanicReportAndStatus2() throws Exception {
        ChildJvm.Result r = ChildJvm.run(true, 50, "dev.gokata.runtime.GoRun", "corpus.Panics");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("panic: java.lang.IllegalStateException: boom\n\ngoroutine 1 [running]:\n"),
                r.err());
    }
}

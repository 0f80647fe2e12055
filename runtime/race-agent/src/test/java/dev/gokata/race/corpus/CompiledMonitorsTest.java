package dev.gokata.race.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Instrumented monitors keep javac's discipline, or HotSpot never compiles the method (C1: "invalid parsing", C2:
 * "unbalanced monitors") and the student's loop runs interpreted under the detector. Checked on HotSpot itself rather
 * than on the bytecode: its rules (which instruction may throw where a monitor is held, which handler may be entered
 * from where) are its own, and the second one only showed when the first was kept.
 */
@Timeout(120)
class CompiledMonitorsTest {
    static final String PROGRAM = "corpus.SafeMonitorShapes";
    static final List<String> METHODS = List.of("loopFirst", "returnInside", "throwInside", "nested", "callsInside",
            "method", "methodThrows", "staticMethod", "methodAndBlock");
    /** A compilation as {@code -XX:+PrintCompilation} prints it: id, flags, tier, method, size, and what happened. */
    static final Pattern COMPILATION = Pattern.compile(
            "^\\s*\\d+\\s+\\d+\\s+([%sb!n ]*?)\\s*([0-4])\\s+" + Pattern.quote(PROGRAM)
                    + "::(\\w+) \\(\\d+ bytes\\)(.*)$");

    @Test
    void givenSynchronizedBlocksAndMethods_whenInstrumentedAndHot_thenBothTiersCompileThem() throws Exception {
        // -Xbatch: each compilation finishes before the program goes on. dontinline: a method compiled into its
        // caller stops counting its own calls, and might never reach C2 on its own.
        ChildJvm.Result r = ChildJvm.run(true, List.of("-Xbatch", "-XX:+PrintCompilation",
                        "-XX:CompileCommand=quiet", "-XX:CompileCommand=dontinline," + PROGRAM + "::*"), 100,
                "dev.gokata.runtime.GoRun", PROGRAM);
        assertEquals(0, r.exitCode(), r.err());
        Set<String> compiled = new TreeSet<>();
        for (String line : r.out().lines().toList()) {
            Matcher m = COMPILATION.matcher(line);
            if (!m.matches() || m.group(1).contains("%")) {
                continue;
            }
            assertTrue(!m.group(4).contains("COMPILE SKIPPED") && !m.group(4).contains("not compilable"), line);
            if (m.group(4).isEmpty()) {
                compiled.add(m.group(3) + " at tier " + m.group(2));
            }
        }
        for (String method : METHODS) {
            assertTrue(compiled.contains(method + " at tier 3"), method + " never compiled by C1: " + compiled);
            assertTrue(compiled.contains(method + " at tier 4"), method + " never compiled by C2: " + compiled);
        }
    }
}

package dev.gokata.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The copies of {@link JvmOptions#ALL} that the build and the scripts keep say what the runtime says. */
class JvmOptionsTest {
    @Test
    void givenTheBuildsCopyInThePom_whenTheTestsRun_thenTheirJvmHasEveryOption() {
        var arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(arguments.containsAll(JvmOptions.ALL), "the tests' JVM runs with " + arguments
                + ", so the parent pom's gokata.jvm misses some of " + JvmOptions.ALL);
        assertEquals("false", System.getProperty("jdk.trackAllThreads"));
    }

    @Test
    void givenTheScriptsCopy_whenRead_thenItHasTheSameOptions() throws IOException {
        var script = Path.of("../../bin/jdk25.sh"); // the runtime/core module's folder is where the tests run
        var line = Files.readAllLines(script).stream().filter(l -> l.startsWith("gokata_jvm_options=")).findFirst()
                .orElseThrow(() -> new AssertionError(script + " sets no gokata_jvm_options"));
        var options = line.substring(line.indexOf('"') + 1, line.lastIndexOf('"')).split(" ");
        assertEquals(JvmOptions.ALL, Arrays.asList(options), script + ": " + line);
    }
}

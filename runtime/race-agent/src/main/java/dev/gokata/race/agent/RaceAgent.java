package dev.gokata.race.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code -javaagent} that instruments a student's classes for the race detector, and only those: the argument
 * lists the class directories or jars to instrument, separated by the path separator
 * ({@code -javaagent:gokata-race-agent.jar=build/classes:lib/student.jar}). The agent does nothing unless the JVM runs
 * with {@code -Dgokata.race=true}.
 */
public final class RaceAgent {
    private RaceAgent() {
    }

    /** The agent's entry point, called by the JVM before {@code main}. */
    public static void premain(String args, Instrumentation inst) {
        if (!Boolean.getBoolean("gokata.race")) {
            return;
        }
        List<Path> roots = new ArrayList<>();
        if (args != null) {
            for (String s : args.split(File.pathSeparator)) {
                if (!s.isBlank()) {
                    roots.add(Path.of(s).toAbsolutePath().normalize());
                }
            }
        }
        if (roots.isEmpty()) {
            System.err.println("gokata race agent: no class directory or jar given "
                    + "(-javaagent:gokata-race-agent.jar=<classes dir>" + File.pathSeparator
                    + "...); nothing instrumented");
            return;
        }
        inst.addTransformer(new RaceTransformer(roots));
    }
}

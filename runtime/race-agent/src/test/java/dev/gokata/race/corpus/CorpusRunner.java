package dev.gokata.race.corpus;

import dev.gokata.runtime.Outcome;
import dev.gokata.runtime.Program;
import dev.gokata.runtime.race.RaceDetector;
import dev.gokata.runtime.race.RaceReport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs corpus programs in a JVM started with the race agent, each as goroutine 1 of a fresh program, several times,
 * resetting the detector between runs, and prints one {@code RESULT|class|run|outcome|races|File:L1,File:L2;...}
 * line per run (reports go to stderr).
 * Usage: {@code CorpusRunner <runs> <class>...}.
 */
public final class CorpusRunner {
    private CorpusRunner() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        for (int a = 1; a < args.length; a++) {
            Method main = Class.forName(args[a]).getMethod("main", String[].class);
            for (int run = 1; run <= runs; run++) {
                RaceDetector.reset(); // as a grader between tests: the previous run's goroutines have all ended
                int mark = RaceDetector.mark();
                Outcome outcome = new Program().run(() -> invoke(main), Duration.ofSeconds(30));
                List<RaceReport> reports = RaceDetector.since(mark);
                reports.forEach(r -> System.err.print(r.text()));
                if (!outcome.report().isEmpty()) {
                    System.err.println(outcome.report());
                }
                String lines = reports.stream().map(r -> String.join(",", r.lines())).collect(Collectors.joining(";"));
                System.out.println("RESULT|" + args[a] + "|" + run + "|" + outcome.getClass().getSimpleName() + "|"
                        + reports.size() + "|" + lines);
            }
        }
        System.out.flush();
        System.exit(0);
    }

    private static void invoke(Method main) {
        try {
            main.invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}

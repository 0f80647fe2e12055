package dev.gokata.grader.worker;

import dev.gokata.runtime.Outcome;
import dev.gokata.runtime.Program;
import dev.gokata.runtime.race.Race;
import dev.gokata.runtime.race.RaceDetector;
import dev.gokata.runtime.race.RaceReport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs a kata's main class like {@code go run -race}, for {@code gokata run} until the runtime's own
 * {@code dev.gokata.runtime.GoRun} is there: main as goroutine 1 of a {@link Program}, Go's panic and deadlock
 * reports on standard error, exit status 2 for those, 66 after a data race.
 *
 * <p>Usage: {@code GoRunFallback <mainClass> [args...]}.
 */
public final class GoRunFallback {
    private GoRunFallback() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        if (args.length == 0) {
            System.err.println("usage: GoRunFallback <mainClass> [args...]");
            Runtime.getRuntime().halt(2);
        }
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Outcome outcome = new Program().run(() -> {
            try {
                main.invoke(null, (Object) rest);
            } catch (InvocationTargetException e) {
                throw sneaky(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(args[0] + ".main must be public", e);
            }
        });
        System.out.flush();
        int status = outcome.exitStatus();
        if (status != 0) {
            System.err.print(outcome.report());
        }
        if (Race.ENABLED && RaceDetector.count() > 0) {
            if (status == 0) {
                for (RaceReport r : RaceDetector.reports()) {
                    System.err.print(r.text());
                }
                status = 66;
            }
            System.err.println("Found " + RaceDetector.count() + " data race(s)");
        }
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}

package dev.gokata.runtime;

import dev.gokata.runtime.race.Race;
import dev.gokata.runtime.race.RaceDetector;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * {@code go run [-race]} for a Java class: runs its {@code public static void main(String[])} as goroutine 1 of a new
 * {@link Program}, prints each data race as it is found and Go's report of a panic or deadlock on standard error,
 * then {@code Found N data race(s)}, and exits with Go's status: 2 for a panic or deadlock, 66 if a race was found
 * (and the program otherwise exited normally), else 0.
 *
 * <p>Usage: {@code java [-javaagent:gokata-race-agent.jar=<classes>] [-Dgokata.race=true] -cp ...
 * dev.gokata.runtime.GoRun <mainClass> [args...]}.
 */
public final class GoRun {
    /** Go's exit status when the race detector found a race ({@code GORACE=exitcode}, default 66). */
    public static final int RACE_EXIT_STATUS = 66;

    private GoRun() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: GoRun <mainClass> [args...]");
            System.exit(2);
        }
        Method main = mainMethod(args[0]);
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Object printLock = new Object();
        if (Race.ENABLED) {
            RaceDetector.onReport(r -> {
                synchronized (printLock) {
                    System.err.print(r.text());
                    System.err.flush();
                }
            });
        }
        Outcome outcome = new Program().run(() -> invoke(main, rest));
        System.out.flush();
        int status;
        synchronized (printLock) {
            if (!outcome.report().isEmpty()) {
                System.err.print(outcome.report());
            }
            int races = Race.ENABLED ? RaceDetector.count() : 0;
            if (races > 0) {
                System.err.println("Found " + races + " data race(s)");
            }
            status = outcome.exitStatus() == 0 && races > 0 ? RACE_EXIT_STATUS : outcome.exitStatus();
            System.err.flush();
        }
        System.exit(status);
    }

    private static Method mainMethod(String className) {
        try {
            Method m = Class.forName(className, false, ClassLoader.getSystemClassLoader())
                    .getMethod("main", String[].class);
            if (!Modifier.isStatic(m.getModifiers())) {
                throw new NoSuchMethodException("main is not static");
            }
            return m;
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            System.err.println("GoRun: no public static void main(String[]) in class " + className + ": " + e.getMessage());
            System.exit(2);
            throw new AssertionError(e);
        }
    }

    private static void invoke(Method main, String[] args) {
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw GoRun.<RuntimeException>sneaky(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + main, e);
        }
    }

    /** Rethrows the program's own exception, checked or not, so that its panic report names it. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}

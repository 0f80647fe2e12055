package dev.gokata.runtime;

import dev.gokata.runtime.race.Race;
import dev.gokata.runtime.race.RaceDetector;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * {@code go run [-race]} for a Java class: runs its {@code public static void main(String[])} as goroutine 1 of a new
 * {@link Program}, prints each data race as it is found and Go's report of a panic or deadlock on standard error,
 * then {@code Found N data race(s)}, and exits with Go's status: 2 for a panic or deadlock, 66 if a race was found
 * (and the program otherwise exited normally), else 0.
 *
 * <p>A program stopped from outside while it runs (Ctrl-C, or {@code kill}) prints where each goroutine is, in Go's
 * dump format, as a Go program does on Ctrl-\ (SIGQUIT): the way to learn where a program that hangs without a
 * deadlock (a timer pending, a goroutine spinning) waits. The JVM keeps SIGQUIT for its own thread dump.
 *
 * <p>Usage: {@code java [-javaagent:gokata-race-agent.jar=<classes>] [-Dgokata.race=true] -cp ...
 * dev.gokata.runtime.GoRun <mainClass> [args...]}.
 */
public final class GoRun {
    /** Go's exit status when the race detector found a race ({@code GORACE=exitcode}, default 66). */
    public static final int RACE_EXIT_STATUS = 66;

    /**
     * Signals that end the JVM, by the name of the thread the JDK handles each in ({@code "SIGINT handler"}: the
     * name of a JDK thread, stable since Java 1.3), with what Go's {@code go run} says of a program one ended.
     */
    private static final Map<String, String> STOPPING_SIGNALS = Map.of("SIGINT handler", "interrupt",
            "SIGTERM handler", "terminated", "SIGHUP handler", "hangup");

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
        var program = new Program();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> ifStopped(program, printLock)));
        Outcome outcome = program.run(() -> invoke(main, rest));
        System.out.flush();
        int status;
        synchronized (printLock) {
            if (!outcome.report().isEmpty()) {
                System.err.print(outcome.report());
            }
            int races = printRaceCount();
            status = outcome.exitStatus() == 0 && races > 0 ? RACE_EXIT_STATUS : outcome.exitStatus();
            System.err.flush();
        }
        System.exit(status);
    }

    /**
     * In a shutdown hook: if a signal stops the program while it runs, the dump of every goroutine. Not when the
     * program has ended, nor when it calls {@code System.exit} itself (Go's {@code os.Exit} prints nothing either).
     */
    private static void ifStopped(Program program, Object printLock) {
        if (program.outcome().isPresent()) {
            return;
        }
        Thread.getAllStackTraces().keySet().stream().map(t -> STOPPING_SIGNALS.get(t.getName()))
                .filter(Objects::nonNull).findFirst().ifPresent(says -> {
                    synchronized (printLock) {
                        System.out.flush();
                        System.err.print("\nsignal: " + says + "\n\n" + program.dump());
                        printRaceCount();
                        System.err.flush();
                    }
                });
    }

    /** Go's {@code Found N data race(s)} line, if the race detector found any; returns N. */
    private static int printRaceCount() {
        int races = Race.ENABLED ? RaceDetector.count() : 0;
        if (races > 0) {
            System.err.println("Found " + races + " data race(s)");
        }
        return races;
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
            System.err.println("GoRun: no public static void main(String[]) in class " + className + ": "
                    + e.getMessage());
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

package dev.gokata.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders goroutines, panics and leaks in the format of Go's tracebacks ({@code runtime/traceback.go}):
 * <pre>
 * goroutine 7 [sync.WaitGroup.Wait]:
 * dev.gokata.runtime.WaitGroup.await(...)
 * 	WaitGroup.java:120
 * bank.Bank.main.func1(...)
 * 	Bank.java:14
 * created by bank.Bank.main in goroutine 1
 * 	Bank.java:12
 * </pre>
 * A Java lambda {@code lambda$main$0} is named as Go names a closure, {@code main.func1}. Frames of the JDK are
 * dropped; of the runtime's own frames only the outermost of each run is kept: the API method the user called,
 * as Go keeps {@code sync.(*Mutex).Lock}, but not for a channel operation or a select, which are statements and
 * operators in Go and have no frame of their own there ({@code goroutine 1 [chan receive]:} then {@code main.main()});
 * frames below {@code Goroutine.run} (the thread's start) are dropped.
 */
final class Traceback {
    private static final String RUNTIME_PACKAGE = "dev.gokata.runtime.";
    private static final String GOROUTINE = Goroutine.class.getName();
    /** The classes of Go's built-in operations ({@link #isBuiltIn}); the channel views have no code of their own. */
    private static final Set<String> BUILT_INS = Set.of(Chan.class.getName(), Select.class.getName());
    private static final Pattern INDEX_OUT_OF_BOUNDS =
            Pattern.compile("Index (-?\\d+) out of bounds for length (\\d+)");
    private static final URL RUNTIME_LOCATION = runtimeLocation();
    /** Class name to "is the runtime's own class"; a cache, filled racily but idempotently. */
    private static final Map<String, Boolean> RUNTIME_CLASSES = new ConcurrentHashMap<>();

    private Traceback() {
    }

    /** {@code goroutine 7 [chan send]:}, the goroutine's user frames, then {@code created by ... in goroutine 1}. */
    static String of(Goroutine g) {
        var sb = new StringBuilder();
        sb.append(header(g, state(g)));
        appendFrames(sb, frames(g));
        appendCreatedBy(sb, g);
        return sb.toString();
    }

    /**
     * {@code panic: <message>} (or {@code fatal error: }) and the panicking goroutine's stack. A Java exception that
     * is a Go runtime error reads as Go's, with the JDK's own words on the line below in brackets, where Go names the
     * signal ({@code [signal SIGSEGV: ...]}); any other Java exception reads {@code panic: } and the exception. Its
     * Java stack trace follows only when it has a cause, which the goroutine's stack cannot show; otherwise that
     * trace would repeat the goroutine's frames among the runtime's and the JDK's.
     */
    static String panic(Goroutine g, Throwable t) {
        var sb = new StringBuilder();
        var runtimeError = runtimeError(t);
        if (t instanceof GoFatalError) {
            sb.append("fatal error: ").append(t.getMessage()).append("\n\n");
        } else if (t instanceof GoPanic) {
            sb.append("panic: ").append(t.getMessage()).append("\n\n");
        } else if (runtimeError.isPresent()) {
            sb.append("panic: ").append(runtimeError.get()).append('\n');
            if (t instanceof NullPointerException && t.getMessage() != null) {
                sb.append('[').append(t).append("]\n");
            }
            sb.append('\n');
        } else {
            sb.append("panic: ").append(t).append("\n\n");
        }
        sb.append(header(g, "running"));
        appendFrames(sb, userFrames(t.getStackTrace()));
        appendCreatedBy(sb, g);
        if (!(t instanceof GoPanic) && !(t instanceof GoFatalError) && runtimeError.isEmpty() && t.getCause() != null) {
            var java = new StringWriter();
            t.printStackTrace(new PrintWriter(java));
            sb.append("\nJava stack trace:\n").append(java);
        }
        return sb.toString();
    }

    /**
     * Go's text for the Java exceptions that are Go runtime errors: a nil dereference, an integer division by zero,
     * an index out of range.
     */
    static Optional<String> runtimeError(Throwable t) {
        return switch (t) {
            case NullPointerException e ->
                    Optional.of("runtime error: invalid memory address or nil pointer dereference");
            case ArithmeticException e when "/ by zero".equals(e.getMessage()) ->
                    Optional.of("runtime error: integer divide by zero");
            case IndexOutOfBoundsException e when e.getMessage() != null -> {
                Matcher m = INDEX_OUT_OF_BOUNDS.matcher(e.getMessage());
                yield m.matches()
                        ? Optional.of("runtime error: index out of range [" + m.group(1) + "] with length "
                                + m.group(2))
                        : Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    /**
     * uber-go/goleak's report: {@code found unexpected goroutines:} and, in brackets, one entry per goroutine,
     * {@code Goroutine 7 in state chan receive, with bank.Worker.run on top of the stack:} and its traceback.
     */
    static String leaks(List<Goroutine> leaked) {
        var sb = new StringBuilder("found unexpected goroutines:\n[");
        boolean first = true;
        for (Goroutine g : leaked) {
            String state = state(g);
            List<StackTraceElement> frames = frames(g);
            if (g.finished()) { // it ended after the leak check: no leak
                continue;
            }
            if (!first) {
                sb.append(' ');
            }
            first = false;
            sb.append("Goroutine ").append(g.id()).append(" in state ").append(state).append(", with ")
                    .append(frames.isEmpty() ? "?" : FuncName.of(frames.getFirst())).append(" on top of the stack:\n");
            sb.append(header(g, state));
            appendFrames(sb, frames);
            appendCreatedBy(sb, g);
        }
        return sb.append(']').toString();
    }

    /**
     * The threads that are not goroutines but may still wake one, after a timed-out run's dump: why no deadlock was
     * reported though every goroutine waited. Each as {@code thread "pool-1-thread-1" [waiting]:}, then its user
     * frames (a thread pool's idle worker has none); and whether {@code virtualThreads} that are not goroutines run
     * or sleep on the goroutines' carriers, which no dump lists.
     */
    static String outsiders(List<Thread> threads, boolean virtualThreads) {
        String carriers = "virtual threads that are not goroutines (started with Thread.ofVirtual(), say) run or"
                + " sleep on the goroutines' carriers";
        var sb = new StringBuilder("every goroutine is blocked, but no deadlock was reported: ");
        if (!virtualThreads) {
            sb.append("these threads are not goroutines, and may still wake one\n");
        } else if (threads.isEmpty()) {
            sb.append(carriers).append(", and may still wake one\n");
        } else {
            sb.append(carriers).append(", and these threads are not goroutines: either may still wake one\n");
        }
        for (Thread t : threads) {
            sb.append('\n').append(of(t));
        }
        return sb.toString();
    }

    /** A thread that is not a goroutine: {@code thread "pool-1-thread-1" [waiting]:}, then its user frames. */
    static String of(Thread t) {
        var sb = new StringBuilder("thread \"").append(t.getName()).append("\" [")
                .append(t.getState().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append("]:\n");
        appendFrames(sb, userFrames(t.getStackTrace()));
        return sb.toString();
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    /**
     * The word between the brackets: the runtime wait reason; else, for a thread parked outside the runtime (a
     * {@code java.util.concurrent} lock, {@code Thread.sleep}, I/O), {@code semacquire} or {@code sleep}, the words
     * Go uses for a goroutine parked outside channels; else {@code running} or {@code finished}.
     */
    private static String state(Goroutine g) {
        var reason = g.waitReason();
        if (reason.isPresent()) {
            return reason.get().text();
        }
        if (g.finished()) {
            return "finished";
        }
        Thread t = g.thread();
        if (t == null || t == Thread.currentThread()) {
            return "running";
        }
        return switch (t.getState()) {
            case BLOCKED, WAITING -> "semacquire";
            case TIMED_WAITING -> "sleep";
            case NEW, RUNNABLE, TERMINATED -> "running";
        };
    }

    private static String header(Goroutine g, String state) {
        return "goroutine " + g.id() + " [" + state + "]:\n";
    }

    private static List<StackTraceElement> frames(Goroutine g) {
        Thread t = g.thread();
        return t == null ? List.of() : userFrames(t.getStackTrace());
    }

    private static void appendCreatedBy(StringBuilder sb, Goroutine g) {
        List<StackTraceElement> site = g.createdAt();
        if (!site.isEmpty()) {
            StackTraceElement f = site.getFirst();
            sb.append("created by ").append(FuncName.of(f));
            if (g.parentId() != 0) {
                sb.append(" in goroutine ").append(g.parentId());
            }
            sb.append('\n').append('\t').append(location(f)).append('\n');
        }
    }

    static void appendFrames(StringBuilder sb, List<StackTraceElement> frames) {
        for (StackTraceElement f : frames) {
            sb.append(FuncName.of(f)).append("(...)\n");
            sb.append('\t').append(location(f)).append('\n');
        }
    }

    static String location(StackTraceElement f) {
        return (f.getFileName() == null ? "?" : f.getFileName()) + ":" + f.getLineNumber();
    }

    /**
     * The frames worth showing a student: the JDK's are dropped, and of each run of the runtime's own frames only
     * the outermost (e.g. {@code dev.gokata.runtime.WaitGroup.await}) is kept, and only if user code called it and it
     * is no built-in operation ({@link #isBuiltIn}); the runtime's frames below the user's outermost one are dropped
     * too, as Go hides {@code runtime.main}.
     */
    static List<StackTraceElement> userFrames(StackTraceElement[] stack) {
        var out = new ArrayList<StackTraceElement>();
        StackTraceElement pendingRuntime = null;
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (isJdk(c)) {
                continue;
            }
            if (isRuntime(c)) {
                if (c.equals(GOROUTINE) && f.getMethodName().equals("run")) {
                    break; // below: the machinery that started the goroutine
                }
                pendingRuntime = f;
                continue;
            }
            if (pendingRuntime != null && !isBuiltIn(pendingRuntime.getClassName())) {
                out.add(pendingRuntime);
            }
            pendingRuntime = null;
            out.add(f);
        }
        if (pendingRuntime != null && out.isEmpty()) {
            out.add(pendingRuntime); // the goroutine's function is the runtime's own, as in go(wg::done)
        }
        return out; // else the runtime's frames that called the user's function (GoRun's main) are not shown
    }

    /**
     * True for a class of the runtime that stands for one of Go's built-in operations rather than a library function:
     * the channel (send, receive, close, range) and select, whose frames Go's tracebacks never show.
     */
    static boolean isBuiltIn(String className) {
        return BUILT_INS.contains(className.contains("$") ? className.substring(0, className.indexOf('$')) : className);
    }

    /** True for a class of the JDK. */
    static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.");
    }

    /**
     * True for a class of the runtime itself, as opposed to test code that shares its package (the runtime's own
     * tests): a class of {@code dev.gokata.runtime} counts as the runtime's unless it was loaded from another place
     * than this class <em>and</em> that place is a test output folder. So runtime classes found elsewhere (a race
     * agent's jar, an IDE's output folder) still count as the runtime's.
     */
    static boolean isRuntime(String className) {
        if (!className.startsWith(RUNTIME_PACKAGE)) {
            return false;
        }
        return RUNTIME_CLASSES.computeIfAbsent(className, Traceback::isRuntimeClass);
    }

    private static boolean isRuntimeClass(String className) {
        try {
            Class<?> c = Class.forName(className, false, Traceback.class.getClassLoader());
            var source = c.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null
                    || Objects.equals(source.getLocation(), RUNTIME_LOCATION)) {
                return true;
            }
            String where = source.getLocation().getPath();
            return !(where.contains("/test-classes/") || where.contains("/test/"));
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return true;
        }
    }

    private static URL runtimeLocation() {
        var source = Traceback.class.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }
}

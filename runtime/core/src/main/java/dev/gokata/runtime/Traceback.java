package dev.gokata.runtime;

import java.io.PrintWriter;
import java.net.URL;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Renders goroutines and panics in the format of Go's tracebacks ({@code runtime/traceback.go}). */
final class Traceback {
    private static final String RUNTIME_PACKAGE = "dev.gokata.runtime.";
    private static final URL RUNTIME_LOCATION = runtimeLocation();
    private static final Map<String, Boolean> RUNTIME_CLASSES = new ConcurrentHashMap<>();

    private Traceback() {
    }

    /** {@code goroutine 7 [chan send]:}, the goroutine's user frames, then {@code created by ... in goroutine 1}. */
    static String of(Goroutine g) {
        var sb = new StringBuilder();
        String state = g.waitReason().map(WaitReason::text).orElse(g.finished() ? "finished" : "running");
        sb.append("goroutine ").append(g.id()).append(" [").append(state).append("]:\n");
        Thread t = g.thread();
        if (t != null) {
            appendFrames(sb, userFrames(t.getStackTrace()));
        }
        appendCreatedBy(sb, g);
        return sb.toString();
    }

    /** {@code panic: <message>} (or {@code fatal error: }) and the panicking goroutine's stack. */
    static String panic(Goroutine g, Throwable t) {
        var sb = new StringBuilder();
        if (t instanceof GoFatalError) {
            sb.append("fatal error: ").append(t.getMessage()).append("\n\n");
        } else if (t instanceof GoPanic) {
            sb.append("panic: ").append(t.getMessage()).append("\n\n");
        } else {
            sb.append("panic: ").append(t).append("\n\n");
        }
        sb.append("goroutine ").append(g.id()).append(" [running]:\n");
        appendFrames(sb, userFrames(t.getStackTrace()));
        appendCreatedBy(sb, g);
        if (!(t instanceof GoPanic) && !(t instanceof GoFatalError)) {
            var java = new StringWriter();
            t.printStackTrace(new PrintWriter(java));
            sb.append("\nJava stack trace:\n").append(java);
        }
        return sb.toString();
    }

    private static URL runtimeLocation() {
        var source = Traceback.class.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    private static void appendCreatedBy(StringBuilder sb, Goroutine g) {
        if (!g.createdAt().isEmpty()) {
            StackTraceElement site = g.createdAt().getFirst();
            sb.append("created by ").append(site.getClassName()).append('.').append(site.getMethodName());
            if (g.parentId() != 0) {
                sb.append(" in goroutine ").append(g.parentId());
            }
            sb.append('\n').append('\t').append(location(site)).append('\n');
        }
    }

    static void appendFrames(StringBuilder sb, List<StackTraceElement> frames) {
        for (StackTraceElement f : frames) {
            sb.append(f.getClassName()).append('.').append(f.getMethodName()).append("(...)\n");
            sb.append('\t').append(location(f)).append('\n');
        }
    }

    static String location(StackTraceElement f) {
        return (f.getFileName() == null ? "?" : f.getFileName()) + ":" + f.getLineNumber();
    }

    /**
     * The frames worth showing a student: the JDK's are dropped, and of the runtime's own only the API method the
     * user called (e.g. {@code dev.gokata.runtime.Chan.recv}) is kept, as Go keeps {@code sync.(*Mutex).Lock}.
     */
    static List<StackTraceElement> userFrames(StackTraceElement[] stack) {
        var out = new ArrayList<StackTraceElement>();
        StackTraceElement pendingRuntime = null;
        for (StackTraceElement f : Arrays.asList(stack)) {
            String c = f.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
                continue;
            }
            if (isRuntime(c)) {
                pendingRuntime = f;
                continue;
            }
            if (pendingRuntime != null) {
                out.add(pendingRuntime);
                pendingRuntime = null;
            }
            out.add(f);
        }
        return out;
    }

    /**
     * True for a class of the runtime itself, as opposed to user code that happens to share its package (the
     * runtime's own tests): a class of {@code dev.gokata.runtime} loaded from the same place as this class.
     */
    static boolean isRuntime(String className) {
        if (!className.startsWith(RUNTIME_PACKAGE)) {
            return false;
        }
        return RUNTIME_CLASSES.computeIfAbsent(className, Traceback::loadedWithRuntime);
    }

    private static boolean loadedWithRuntime(String className) {
        try {
            Class<?> c = Class.forName(className, false, Traceback.class.getClassLoader());
            return c.getProtectionDomain().getCodeSource() == null
                    || Objects.equals(c.getProtectionDomain().getCodeSource().getLocation(), RUNTIME_LOCATION);
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return true;
        }
    }
}

package dev.gokata.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Renders goroutines and panics in the format of Go's tracebacks ({@code runtime/traceback.go}). */
final class Traceback {
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
            if (c.startsWith("dev.gokata.runtime.")) {
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
}

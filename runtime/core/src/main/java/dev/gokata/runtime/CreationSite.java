package dev.gokata.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@code go} statement ran, captured cheaply and rendered only when a dump, leak report or race report asks.
 *
 * <p>Implementation note. Capturing is the JVM's native back-trace fill of a Throwable (about a microsecond for the
 * shallow stacks of goroutines), which is several times cheaper than a {@link StackWalker} walk; the expensive
 * part, turning the back-trace into {@link StackTraceElement}s with file and line, happens in {@link #frames()} on
 * first use. {@code frames} is computed racily but idempotently: concurrent first calls build equal lists, and the
 * list is immutable, so publishing it through a plain field is safe.
 */
final class CreationSite extends Throwable {
    private static final int FRAMES = 4;
    private List<StackTraceElement> frames;

    CreationSite() {
        super(null, null, false, true);
    }

    private CreationSite(List<StackTraceElement> frames) {
        super(null, null, false, false);
        this.frames = List.copyOf(frames);
    }

    /** A site whose frames are already known (a timer's afterFunc goroutine is created where the timer was set). */
    static CreationSite of(List<StackTraceElement> frames) {
        return new CreationSite(frames);
    }

    /** The user's frames of the {@code go} statement, innermost first: the runtime's own leading frames dropped. */
    List<StackTraceElement> frames() {
        List<StackTraceElement> f = frames;
        if (f == null) {
            var out = new ArrayList<StackTraceElement>(FRAMES);
            boolean leading = true;
            for (StackTraceElement e : getStackTrace()) {
                if (leading && (Traceback.isRuntime(e.getClassName()) || Traceback.isJdk(e.getClassName()))) {
                    continue;
                }
                leading = false;
                out.add(e);
                if (out.size() == FRAMES) {
                    break;
                }
            }
            f = List.copyOf(out);
            frames = f;
        }
        return f;
    }
}

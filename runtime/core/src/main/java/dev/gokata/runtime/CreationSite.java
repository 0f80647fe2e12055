package dev.gokata.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@code go} statement ran, captured cheaply and rendered only when a dump, leak report or race report asks.
 *
 * <p>Implementation note. Capturing is the JVM's native back-trace fill of a Throwable: about 0.8 µs of fixed cost
 * (the native call and the back-trace arrays) plus about 50 ns per frame, several times cheaper than a
 * {@link StackWalker} walk (2.5 µs and more, with or without {@code RETAIN_CLASS_REFERENCE} or a limit), and a
 * shallower capture does not help: with {@code -XX:MaxJavaStackTraceDepth=3} the fill still costs 0.7 µs. That is
 * most of what {@code go} costs, so {@link #capture} skips it whenever it can prove the site without looking:
 * a lambda or method reference written in the {@code go(...)} call itself ({@code go(() -> work(ch))},
 * {@code go(wg::done)}) is an instance of a class of its own that flows into that one call and nowhere else, so
 * once {@link LambdaSites} has proven this from the caller's bytecode, the class names the {@code go} statement
 * and every later goroutine of it shares one site, with the go statement's frame alone (its callers may differ
 * from call to call, and only race reports show them: with the race detector on, every site is captured whole).
 * The expensive part of a capture, turning the back-trace into {@link StackTraceElement}s with file and line,
 * happens in {@link #frames()} on first use. {@code frames} is computed racily but idempotently: concurrent first
 * calls build equal lists, and the list is immutable, so publishing it through a plain field is safe.
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

    /**
     * The site of the {@code go(body)} call running now, called from {@link Go#go} only: shared and free when
     * {@code body}'s class is proven to come from that one call, else captured.
     */
    static CreationSite capture(Runnable body) {
        if (body == null) {
            return new CreationSite();
        }
        LambdaSites.Known known = LambdaSites.of(body.getClass());
        CreationSite site = known.site();
        return site != null ? site : known.captured();
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

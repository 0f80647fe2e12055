package dev.gokata.runtime.race;

import dev.gokata.runtime.FuncName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Turns a conflict found by a {@link Shadow} into a {@link RaceReport}, once per pair of sites, and keeps the list.
 *
 * <p>Implementation note. {@code reported} holds the site pairs already reported since the last {@link #mark()};
 * {@code reports} is append-only. A listener is called on the racing thread, outside any detector lock.
 */
final class Reporter {
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final int MAX_FRAMES = 8;
    private static final Set<Long> REPORTED = ConcurrentHashMap.newKeySet();
    private static final List<RaceReport> REPORTS = new CopyOnWriteArrayList<>();
    private static final List<Consumer<RaceReport>> LISTENERS = new CopyOnWriteArrayList<>();

    private Reporter() {
    }

    static void race(ThreadState t, boolean write, int site, Shadow.Conflict c, Object owner, int field, int index) {
        long key = site < c.site() ? ((long) site << 32) | c.site() : ((long) c.site() << 32) | site;
        if (!REPORTED.add(key)) {
            return;
        }
        ThreadInfo prev = ThreadState.info(c.tid(), c.clock());
        var current = new RaceReport.Access(write, t.info.goroutineId, currentFrames(site, t.node));
        var previous = new RaceReport.Access(c.write(), prev == null ? 0 : prev.goroutineId,
                stackFrames(c.site(), c.node()));
        var creators = new ArrayList<RaceReport.Creation>();
        Set<Long> seen = new LinkedHashSet<>();
        for (ThreadInfo i : new ThreadInfo[] {t.info, prev}) {
            if (i != null && i.goroutineId != 1 && seen.add(i.goroutineId)) {
                creators.add(new RaceReport.Creation(i.goroutineId, i != t.info && i.finished(),
                        frames(i.createdAt())));
            }
        }
        var report = new RaceReport(location(owner, field, index), address(owner, field, index), current, previous,
                List.copyOf(creators));
        REPORTS.add(report);
        for (Consumer<RaceReport> l : LISTENERS) {
            l.accept(report);
        }
    }

    static int mark() {
        REPORTED.clear();
        return REPORTS.size();
    }

    static List<RaceReport> since(int mark) {
        var all = REPORTS;
        return List.copyOf(all.subList(Math.min(mark, all.size()), all.size()));
    }

    static List<RaceReport> all() {
        return List.copyOf(REPORTS);
    }

    static void addListener(Consumer<RaceReport> l) {
        LISTENERS.add(l);
    }

    static void removeListener(Consumer<RaceReport> l) {
        LISTENERS.remove(l);
    }

    private static String location(Object owner, int field, int index) {
        if (index >= 0) {
            return owner.getClass().getComponentType().getTypeName() + "[] element " + index;
        }
        if (field == Sites.COLLECTION_STATE) {
            return owner.getClass().getTypeName();
        }
        return Sites.fieldName(field);
    }

    private static String address(Object owner, int field, int index) {
        long base = owner == null ? 0x1000L : (System.identityHashCode(owner) & 0x0fff_ffffL) << 4;
        long offset = index >= 0 ? index * 8L : owner == null ? field * 8L : (field & 0x7) * 8L;
        return String.format("0x%012x", 0x00c0_0000_0000L + base + offset);
    }

    private static List<RaceReport.Frame> currentFrames(int site, int node) {
        List<RaceReport.Frame> frames = WALKER.walk(s -> s
                .map(StackWalker.StackFrame::toStackTraceElement)
                .filter(f -> isUserFrame(f.getClassName()))
                .limit(MAX_FRAMES)
                .map(Reporter::frame)
                .toList());
        if (frames.isEmpty()) {
            return stackFrames(site, node);
        }
        return frames;
    }

    /**
     * The stack of an access kept by a shadow: its site's frame, then the call sites of its path, innermost first, as
     * many as a real stack's. Only instrumented code has call sites, so a caller outside it (a test, the JDK) is not
     * shown; nor would it be a user frame. A runtime operation's site is left out: the user's call of it shows.
     */
    private static List<RaceReport.Frame> stackFrames(int site, int node) {
        return IntStream.concat(IntStream.of(site), IntStream.of(CallStacks.sites(node)))
                .mapToObj(Sites::site)
                .filter(s -> s != null && s.kind() != Sites.RUNTIME)
                .limit(MAX_FRAMES)
                .map(s -> new RaceReport.Frame(FuncName.of(s.className(), s.method()), s.file(), s.line()))
                .toList();
    }

    private static List<RaceReport.Frame> frames(List<StackTraceElement> stack) {
        return stack.stream().filter(f -> isUserFrame(f.getClassName()))
                .limit(MAX_FRAMES).map(Reporter::frame).toList();
    }

    private static RaceReport.Frame frame(StackTraceElement f) {
        return new RaceReport.Frame(FuncName.of(f),
                f.getFileName() == null ? "?" : f.getFileName(), f.getLineNumber());
    }

    private static boolean isUserFrame(String c) {
        return !(c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("com.sun.")
                || c.startsWith("dev.gokata.") || c.startsWith("org.junit."));
    }
}

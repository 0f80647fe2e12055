package dev.gokata.grader.classroom;

import dev.gokata.grader.report.CourseResult;
import dev.gokata.grader.report.Points;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * The batch's progress bar: done out of total, rate in submissions per minute, and time left at that rate. On a
 * terminal it redraws one line; in a log (CI) it prints a line per finished submission.
 *
 * <p>Concurrency: workers call {@link #finished} concurrently; it is synchronized. Guarded by {@code this}:
 * {@code done}.
 */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final int total;
    private final long startNanos;
    private int done;

    Progress(PrintWriter out, boolean terminal, int total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.startNanos = System.nanoTime();
    }

    /** Records one finished submission and redraws. */
    synchronized void finished(CourseResult result) {
        done++;
        var elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        var line = render(done, total, elapsed) + "  " + result.student() + ": " + verdict(result);
        if (terminal) {
            out.print("\r\033[K" + line);
            if (done == total) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** "[#########.....................] 120/300  40%  4.2/min  ETA 42m51s". */
    static String render(int done, int total, Duration elapsed) {
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        var bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        double minutes = elapsed.toMillis() / 60_000.0;
        double rate = minutes <= 0 ? 0 : done / minutes;
        var eta = rate <= 0 ? "--" : duration(Duration.ofSeconds(Math.round((total - done) / rate * 60)));
        return String.format(Locale.ROOT, "[%s] %d/%d %3d%%  %.1f/min  ETA %s",
                bar, done, total, total == 0 ? 100 : done * 100 / total, rate, eta);
    }

    /** "1h02m", "42m51s", "7s". */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    private static String verdict(CourseResult r) {
        var points = Points.format(r.score()) + "/" + Points.format(r.maxScore());
        return r.run() == CourseResult.Run.GRADED ? points
                : r.run().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + points;
    }
}

package dev.gokata.grader.cli;

import dev.gokata.grader.catalogue.Kata;
import dev.gokata.grader.report.Points;
import dev.gokata.grader.report.TextReport;
import dev.gokata.grader.state.KataStatus;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gokata list}: the katas in course order, each with its status and points (marked when the kata's files
 * changed since that grade), and a progress bar.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the katas in course order with your status and points; a kata whose files changed"
        + " since its last grade is marked (edited since graded).",
        footer = {"%nExample:%n  gokata list"})
public final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CourseOptions course;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var ansi = spec.commandLine().getColorScheme().ansi();
        var state = course.state();
        var current = course.current(state).map(Kata::id).orElse("");
        int passed = 0;
        int ready = 0;
        double points = 0;
        int maxPoints = 0;
        int n = 0;
        var edited = new ArrayList<String>();
        int width = course.catalogue().katas().stream().mapToInt(k -> k.id().length()).max().orElse(10);
        for (Kata k : course.catalogue().katas()) {
            n++;
            var s = state.get(k.id());
            String mark = !k.isReady() ? "@|faint  ·  |@"
                    : switch (s.status()) {
                        case PASSED -> "@|green [x] |@";
                        case FAILING -> "@|red [!] |@";
                        case NOT_STARTED -> "[ ] ";
                    };
            String status = !k.isReady() ? "coming soon" : s.status().text();
            String pts = k.isReady() ? Points.format(s.points()) + "/" + k.points() : "";
            boolean changed = k.isReady() && s.editedSinceGraded(() -> course.sourcesNow(k));
            if (changed) {
                edited.add(k.id());
            }
            String line = String.format("%s%3d  %-" + width + "s  %-12s %7s  %s%s%s", ansi.string(mark), n, k.id(),
                    status, pts, k.title(), changed ? ansi.string("  @|yellow (edited since graded)|@") : "",
                    k.id().equals(current) ? ansi.string("  @|bold,cyan <- next|@") : "");
            out.println(line);
            if (k.isReady()) {
                ready++;
                maxPoints += k.points();
                points += s.points();
                if (s.status() == KataStatus.PASSED) {
                    passed++;
                }
            }
        }
        var report = new TextReport(ansi);
        out.println();
        out.println("Progress " + report.bar(passed, ready, 30) + " katas passed, " + Points.format(points) + " of "
                + maxPoints + " points");
        if (!edited.isEmpty()) {
            out.println("Edited since graded: " + String.join(", ", edited) + "; their status is that of the code"
                    + " graded before. Grade again: gokata grade " + String.join(" ", edited));
        }
        if (!current.isEmpty()) {
            out.println("Next: gokata grade " + current + "   (or `gokata watch` to re-grade on every save)");
        }
        out.flush();
        return 0;
    }
}

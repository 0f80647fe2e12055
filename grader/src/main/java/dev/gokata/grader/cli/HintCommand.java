package dev.gokata.grader.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gokata hint KATA}: reveals the kata's next hint and repeats the ones already revealed. */
@Command(name = "hint", mixinStandardHelpOptions = true,
        description = "Reveal the next hint of a kata (hints are remembered; the last one points at the course).",
        footer = {"%nExample:%n  gokata hint waitgroup"})
public final class HintCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CourseOptions course;

    @Parameters(paramLabel = "KATA", arity = "0..1", description = "The kata (default: the current one).")
    String kata;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var ansi = spec.commandLine().getColorScheme().ansi();
        var state = course.state();
        var k = course.namedOrCurrent(kata, state);
        var hints = k.hints();
        if (hints.isEmpty()) {
            out.println(k.id() + " has no hints. Read its README: "
                    + course.course().show(course.course().exercise(k.id()).resolve("README.md")));
            out.flush();
            return 0;
        }
        var s = state.get(k.id());
        int shown = Math.min(hints.size(), s.hintsRevealed() + 1);
        state.put(k.id(), s.withHintsRevealed(shown));
        state.save();
        for (int i = 0; i < shown; i++) {
            String text = "Hint " + (i + 1) + " of " + hints.size() + ": ";
            out.println((i == shown - 1 ? ansi.string("@|bold,cyan " + text + "|@") : text) + hints.get(i));
        }
        out.println(shown < hints.size()
                ? "Ask again for the next hint: `gokata hint " + k.id() + "`, or h in `gokata watch`."
                : "That was the last hint.");
        out.flush();
        return 0;
    }
}

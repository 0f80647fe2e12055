package dev.gokata.grader.cli;

import dev.gokata.grader.state.KataStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gokata solution KATA}: shows the reference solution, once the student's own has passed. */
@Command(name = "solution", mixinStandardHelpOptions = true,
        description = "Show a kata's reference solution, once your solution has passed.",
        footer = {"%nExample:%n  gokata solution waitgroup"})
public final class SolutionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CourseOptions course;

    @Parameters(paramLabel = "KATA", description = "The kata.")
    String kata;

    @Override
    public Integer call() throws IOException {
        var out = spec.commandLine().getOut();
        var k = course.catalogue().get(kata);
        if (course.state().get(k.id()).status() != KataStatus.PASSED) {
            spec.commandLine().getErr().println("The solution of " + k.id()
                    + " opens once your own passes: run `gokata grade "
                    + k.id() + "` (stuck? `gokata hint " + k.id() + "`).");
            spec.commandLine().getErr().flush();
            return 1;
        }
        Path dir = course.course().solution(k.id());
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                out.println("==> " + course.course().show(f) + " <==");
                out.println(Files.readString(f));
            }
        }
        out.flush();
        return 0;
    }
}

package dev.gokata.grader.classroom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gokata class report [OUT]}: writes the gradebook, course report and feedback pages again from OUT/results. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the gradebook, the course report and the feedback pages again from OUT/results/.",
        footer = {"%nExample:", "  gokata class report out --title \"Concurrency 2026\""})
final class ClassReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CourseOption courseOption;

    @Parameters(index = "0", arity = "0..1", defaultValue = "class-results", paramLabel = "OUT",
            description = "The output folder of a batch (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(out.resolve("results"))) {
            spec.commandLine().getErr().println("gokata: no results/ folder in " + out
                    + ": grade the class first with `gokata class grade SUBMISSIONS -o " + out + "`");
            return 1;
        }
        var published = ClassOutputs.publish(courseOption.reportCourseOrResults(), out);
        spec.commandLine().getOut().println(published.students() + " students");
        spec.commandLine().getOut().println("gradebook: " + published.gradebook());
        spec.commandLine().getOut().println("report:    " + published.report());
        return 0;
    }
}

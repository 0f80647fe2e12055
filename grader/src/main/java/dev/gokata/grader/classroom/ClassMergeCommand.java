package dev.gokata.grader.classroom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gokata class merge SHARD...}: joins the output folders of sharded batches and publishes the whole class. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Join the OUT folders of `gokata class grade --shard I/N` runs,"
                + " then write the gradebook and report.",
        footer = {"%nExample:", "  gokata class merge out-1 out-2 out-3 out-4 -o out"})
final class ClassMergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CourseOption courseOption;

    @Parameters(arity = "1..*", paramLabel = "SHARD", description = "The output folders of the shards.")
    List<Path> shards;

    @Option(names = {"-o", "--out"}, defaultValue = "class-results", paramLabel = "OUT",
            description = "The merged output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        int students = ClassMerge.merge(shards, out);
        var published = ClassOutputs.publish(courseOption.reportCourseOrResults(), out);
        var printOut = spec.commandLine().getOut();
        printOut.println("merged " + shards.size() + " shards: " + students + " students");
        printOut.println("gradebook: " + published.gradebook());
        printOut.println("report:    " + published.report());
        published.unreadable()
                .forEach(f -> spec.commandLine().getErr().println("gokata: skipped unreadable results file " + f));
        return 0;
    }
}

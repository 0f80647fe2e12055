package dev.gokata.grader.classroom;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code gokata class}: the instructor's commands over a whole class of submissions. It only dispatches. */
@Command(name = "class", mixinStandardHelpOptions = true,
        description = "Grade a whole class of submissions and publish the gradebook and the course report.",
        subcommands = {ClassGradeCommand.class, ClassMergeCommand.class, ClassReportCommand.class, HelpCommand.class},
        footer = {"%nExamples:",
                "  gokata class grade submissions -o out     grade every student's checkout, write out/",
                "  gokata class grade submissions -o out     again: resumes where it stopped",
                "  gokata class report out                   write the gradebook and report again",
                "%nSee docs/instructors.md."})
public final class ClassCommand {
}

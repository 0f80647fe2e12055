package dev.gokata.grader;

import dev.gokata.grader.catalogue.NearestName;
import dev.gokata.grader.cli.GradeCommand;
import dev.gokata.grader.cli.HintCommand;
import dev.gokata.grader.cli.ListCommand;
import dev.gokata.grader.cli.ResetCommand;
import dev.gokata.grader.cli.RunCommand;
import dev.gokata.grader.cli.SolutionCommand;
import dev.gokata.grader.cli.VerifyCommand;
import dev.gokata.grader.cli.WatchCommand;
import java.nio.file.FileSystemException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code gokata} command: only dispatches to its subcommands, one class each. */
@Command(name = "gokata", mixinStandardHelpOptions = true, version = "gokata 0.1.0",
        description = "Learn Go's concurrency in Java: run, grade and watch the course's katas.",
        subcommands = {ListCommand.class, RunCommand.class, GradeCommand.class, WatchCommand.class, HintCommand.class,
                ResetCommand.class, SolutionCommand.class, VerifyCommand.class,
                dev.gokata.grader.classroom.ClassCommand.class, HelpCommand.class},
        footer = {"%nA session:",
                "  gokata list                  where you are: every kata, its status and points",
                "  gokata watch                 re-grade the current kata on every save (h: hint, q: quit)",
                "  gokata run waitgroup         run the kata's program, like `go run -race`",
                "  gokata grade waitgroup       run its hidden tests, like `go test -race`",
                "  gokata hint waitgroup        one more hint",
                "  gokata reset waitgroup       start the kata over (your files are backed up)",
                "%nExit status: 0 ok, 1 a kata failed or a command could not do its job, 2 wrong usage."})
public final class Gokata {
    private Gokata() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: exit codes 0/1/2 and a handler that prints a message, not a stack trace. */
    public static CommandLine commandLine() {
        var cl = new CommandLine(Gokata.class);
        shareVersion(cl, cl.getCommandSpec().version());
        var standard = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, args) -> ex instanceof UnmatchedArgumentException u
                && !u.isUnknownOption() && !u.getCommandLine().getSubcommands().isEmpty()
                ? unknownCommand(u) : standard.handleParseException(ex, args));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            var err = commandLine.getErr();
            err.println(commandLine.getColorScheme()
                    .errorText(commandLine.getCommandSpec().qualifiedName() + ": " + message(ex)));
            err.flush();
            if (Boolean.getBoolean("gokata.debug")) {
                ex.printStackTrace(err);
            }
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl;
    }

    /**
     * {@code gokata frobnicate}: says there is no such command and lists those there are, suggesting one only when it
     * is a likely typo. Not picocli's own suggestions: they rank every command sharing a pair of letters with the word
     * ("did you mean gokata watch?"), with no threshold to set.
     */
    private static int unknownCommand(UnmatchedArgumentException ex) {
        var command = ex.getCommandLine();
        String typed = ex.getUnmatched().getFirst();
        var names = command.getSubcommands().values().stream()
                .filter(sub -> !sub.getCommandSpec().usageMessage().hidden())
                .map(CommandLine::getCommandName).distinct().toList();
        String name = command.getCommandSpec().qualifiedName();
        var err = command.getErr();
        err.println(command.getColorScheme().errorText(name + ": there is no command \"" + typed + "\";"
                + NearestName.among(typed, names).map(n -> " did you mean " + n + "?").orElse("")
                + " the commands are: " + String.join(", ", names) + " (see `" + name + " --help`)"));
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Every subcommand's -V prints gokata's version, not an empty line. */
    private static void shareVersion(CommandLine cl, String[] version) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().version(version);
            shareVersion(sub, version);
        }
    }

    /** The exception's message; for a file system's, the file and the reason, not the bare path it holds. */
    private static String message(Throwable ex) {
        if (ex instanceof FileSystemException fs && fs.getOtherFile() == null) {
            return fs.getFile() + ": " + FileErrors.why(fs);
        }
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.toString() : m;
    }
}

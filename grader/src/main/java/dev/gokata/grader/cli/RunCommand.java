package dev.gokata.grader.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder. */
@Command(name = "run")
public final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}

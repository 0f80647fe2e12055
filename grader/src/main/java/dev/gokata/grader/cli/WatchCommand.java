package dev.gokata.grader.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder. */
@Command(name = "watch")
public final class WatchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}

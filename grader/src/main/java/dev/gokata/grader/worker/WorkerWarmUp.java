package dev.gokata.grader.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Go;
import dev.gokata.runtime.WaitGroup;
import org.junit.jupiter.api.Test;

/**
 * A hidden test about nothing, run once per toolchain to train the worker's class-data-sharing archive: it loads
 * what grading any kata loads (the launcher, Jupiter, the extension, goroutines, channels, JSON), so later worker
 * JVMs map those classes instead of loading them one by one.
 */
public class WorkerWarmUp {
    @Test
    void goroutinesChannelsAndAWaitGroup() {
        Chan<Integer> ch = Chan.make();
        var wg = new WaitGroup();
        wg.add(1);
        Go.go(() -> {
            ch.send(42);
            wg.done();
        });
        assertEquals(42, ch.recv());
        wg.await();
    }
}

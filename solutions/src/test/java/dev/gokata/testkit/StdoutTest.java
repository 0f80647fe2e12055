package dev.gokata.testkit;

import static dev.gokata.runtime.Go.go;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.WaitGroup;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The capture of what a kata prints: its own goroutines' lines (in a sandboxed program too), and no line of a
 * goroutine another test leaked.
 */
class StdoutTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    void whatAGoroutineOfAnotherProgramPrintsIsNotCaptured() {
        Chan<Integer> release = Chan.make();
        var printed = new CountDownLatch(1);
        Sandbox.run(() -> go(() -> { // an earlier test's program, whose goroutine outlives it
            release.recv();
            System.out.println("a line of another program");
            printed.countDown();
        }), LIMIT);

        Sandbox.runToExit(() -> {
            List<String> lines = Stdout.capture(() -> {
                release.send(1);
                await(printed);
                var wg = new WaitGroup();
                wg.add(1);
                go(() -> {
                    System.out.println("a line of this program's goroutine");
                    wg.done();
                });
                wg.await();
                CompletableFuture.runAsync(() -> System.out.println("a line of a pool's worker")).join();
            });

            assertEquals(List.of("a line of this program's goroutine", "a line of a pool's worker"), lines);
        }, LIMIT, "the test deadlocked");
    }

    @Test
    void whatAProgramRunInsideTheBodyPrintsIsCaptured() {
        Sandbox.runToExit(() -> {
            List<String> lines = Stdout.capture(() -> Sandbox.runToExit(() -> {
                System.out.println("a line of the kata's main");
                var wg = new WaitGroup();
                wg.add(1);
                go(() -> {
                    System.out.println("a line of its goroutine");
                    wg.done();
                });
                wg.await();
            }, LIMIT, "the kata's program deadlocked"));

            assertEquals(List.of("a line of the kata's main", "a line of its goroutine"), lines);
        }, LIMIT, "the test deadlocked");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}

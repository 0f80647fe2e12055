package dev.gokata.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * A program that hangs without a deadlock, for {@link GoRunTest}: goroutine 1 waits to receive on a channel that
 * goroutine 2, which sleeps for an hour, never sends on. A third goroutine prints {@code ready} once both wait. With
 * the argument {@code exit}, goroutine 1 calls {@code System.exit(3)} instead of waiting.
 */
public final class HangsMain {
    private HangsMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("exit")) {
            System.exit(3);
        }
        Chan<Integer> never = Chan.make();
        Go.go(() -> Go.sleep(Duration.ofHours(1)));
        var program = Program.current();
        Go.go(() -> {
            while (!waits(program, 1, WaitReason.CHAN_RECEIVE) || !waits(program, 2, WaitReason.SLEEP)) {
                Thread.onSpinWait();
            }
            System.out.println("ready");
        });
        never.recv();
    }

    private static boolean waits(Program program, long id, WaitReason reason) {
        return program.goroutines().stream()
                .anyMatch(g -> g.id() == id && g.waitReason().equals(Optional.of(reason)));
    }
}

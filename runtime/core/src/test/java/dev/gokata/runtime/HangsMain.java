package dev.gokata.runtime;

import java.time.Duration;

/**
 * A program that hangs without a deadlock, for {@link GoRunTest}: goroutine 1 waits to receive on a channel that a
 * sleeping goroutine never sends on. It prints {@code ready} once both wait; with the argument {@code exit} it then
 * calls {@code System.exit(3)} instead.
 */
public final class HangsMain {
    private HangsMain() {
    }

    public static void main(String[] args) {
        Chan<Integer> never = Chan.make();
        go(never);
        while (Program.current().goroutines().stream().noneMatch(g -> g.waitReason().isPresent() && g.id() != 1)) {
            Thread.onSpinWait();
        }
        System.out.println("ready");
        if (args.length > 0 && args[0].equals("exit")) {
            System.exit(3);
        }
        never.recv();
    }

    private static void go(Chan<Integer> never) {
        Go.go(() -> {
            while (true) {
                Go.sleep(Duration.ofSeconds(1));
            }
        });
    }
}

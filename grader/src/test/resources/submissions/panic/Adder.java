package adder;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;

/** Panics: a goroutine sends on the channel it has just closed. */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        Chan<Integer> partial = Chan.make();
        go(() -> {
            partial.close();
            partial.send(xs.length);
        });
        return partial.recvOk().ok() ? 0 : Chan.<Integer>make().recv();
    }
}

package pipeline;

import dev.gokata.runtime.RecvChan;

/** Build a pipeline: generator() -> square() -> print. Each stage runs in its own goroutine. */
public final class Pipeline {
    private Pipeline() {
    }

    /**
     * The first stage: returns a channel at once, and sends {@code nums} on it in order from a goroutine, then
     * closes it.
     */
    public static RecvChan<Integer> generator(int... nums) {
        // TODO: make a channel, start a goroutine that sends every number and then closes the channel; return it.
        throw new UnsupportedOperationException("TODO: generator");
    }

    /**
     * A stage: returns a channel at once, and from a goroutine sends the square of every number received on
     * {@code in}, in order; closes it when {@code in} is closed.
     */
    public static RecvChan<Integer> square(RecvChan<Integer> in) {
        // TODO: make a channel, start a goroutine that ranges over in, sends n * n, then closes the channel.
        throw new UnsupportedOperationException("TODO: square");
    }

    /** Prints 16 and 81: the squares of the squares of 2 and 3. */
    public static void main(String[] args) {
        // TODO: Build a Pipeline: square(square(generator(2, 3))), and print every value it produces.
    }
}

package dev.gokata.testkit;

import dev.gokata.runtime.Received;
import dev.gokata.runtime.RecvChan;
import dev.gokata.runtime.Select;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Bounded receives for hidden tests: a test never blocks for ever on a student's channel. */
public final class Recv {
    private Recv() {
    }

    /**
     * Receives from {@code ch} unless {@code limit} passes first: the received value with its ok flag, or empty on
     * a timeout.
     */
    public static <T> Optional<Received<T>> within(RecvChan<T> ch, Duration limit) {
        var got = new ArrayList<Received<T>>(1);
        Select.select()
                .recvOk(ch, got::add)
                .after(limit, () -> { })
                .run();
        return got.stream().findFirst();
    }

    /**
     * Receives until {@code ch} is closed and returns the values in order, failing if that takes over {@code limit}.
     */
    public static <T> List<T> drain(RecvChan<T> ch, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        var values = new ArrayList<T>();
        while (true) {
            long left = deadline - System.nanoTime();
            Optional<Received<T>> r = left > 0 ? within(ch, Duration.ofNanos(left)) : Optional.empty();
            if (r.isEmpty()) {
                throw new AssertionError("the channel was not closed within " + limit.toMillis() + " ms; received "
                        + (values.size() > 20 ? values.size() + " values" : values.toString()) + " so far");
            }
            if (!r.get().ok()) {
                return values;
            }
            values.add(r.get().value());
        }
    }
}

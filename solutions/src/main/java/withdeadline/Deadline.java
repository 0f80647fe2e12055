package withdeadline;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.CancelableContext;
import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Context;
import dev.gokata.runtime.Received;
import dev.gokata.runtime.RecvChan;
import dev.gokata.runtime.Select;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A computation that gives up when its context's deadline leaves too little time, or passes while it works.
 *
 * <p>Implementation note: the goroutine first compares the context's deadline with the time the work is estimated
 * to need, and returns at once if it cannot make it. Otherwise it "works" in a select against
 * {@code ctx.done()}, so the work is abandoned the moment the deadline passes, and sends its result in a select
 * against {@code ctx.done()} too. It closes the channel however it ends, so the receiver's {@code ok} tells.
 */
public final class Deadline {
    private Deadline() {
    }

    /**
     * Starts work that is estimated to take {@code estimate} and really takes {@code work}, and returns the channel
     * its result arrives on. Prints {@code not sufficient time given, terminating} and closes the channel at once
     * if {@code ctx}'s deadline is too close for the estimate; prints {@code work cancelled} and closes it if the
     * context is done before the work is.
     */
    public static RecvChan<Data> compute(Context ctx, Duration estimate, Duration work) {
        Chan<Data> ch = Chan.make();
        go(() -> {
            try {
                Optional<Instant> deadline = ctx.deadline();
                if (deadline.isPresent() && deadline.get().isBefore(Instant.now().plus(estimate))) {
                    System.out.println("not sufficient time given, terminating");
                    return;
                }
                boolean[] cancelled = {false};
                Select.select() // the work, abandoned when ctx is done
                        .after(work, () -> { })
                        .recv(ctx.done(), x -> cancelled[0] = true)
                        .run();
                if (!cancelled[0]) {
                    Select.select()
                            .send(ch, new Data("123"), () -> { })
                            .recv(ctx.done(), x -> cancelled[0] = true)
                            .run();
                }
                if (cancelled[0]) {
                    System.out.println("work cancelled");
                }
            } finally {
                ch.close();
            }
        });
        return ch.recvOnly();
    }

    /** Gives work that needs 50 ms a deadline 5 ms away: it gives up at once. */
    public static void main(String[] args) {
        CancelableContext ctx = Context.withDeadline(Context.background(), Instant.now().plusMillis(5));
        try {
            Received<Data> d = compute(ctx, Duration.ofMillis(50), Duration.ofMillis(50)).recvOk();
            if (d.ok()) {
                System.out.println("work complete: " + d.value().result());
            }
        } finally {
            ctx.cancel();
        }
    }
}

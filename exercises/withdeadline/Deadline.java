package withdeadline;

import static dev.gokata.runtime.Go.go;
import static dev.gokata.runtime.Go.sleep;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Context;
import dev.gokata.runtime.Received;
import dev.gokata.runtime.RecvChan;
import java.time.Duration;

/** A computation that should give up when its context's deadline leaves too little time, or passes while it works. */
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
            // TODO: if ctx has a deadline sooner than now + estimate, print "not sufficient time given, terminating"
            // and stop. Let the work and the send give up when ctx is done (print "work cancelled"). Close ch however
            // the goroutine ends.
            sleep(work); // the work
            ch.send(new Data("123"));
        });
        return ch.recvOnly();
    }

    /** Gives work that needs 50 ms a deadline 5 ms away: it gives up at once. */
    public static void main(String[] args) {
        // TODO: set a deadline 5 ms from now for the computation, with Context.withDeadline, and cancel the context
        // when main is done with it.
        Context ctx = Context.background();
        Received<Data> d = compute(ctx, Duration.ofMillis(50), Duration.ofMillis(50)).recvOk();
        if (d.ok()) {
            System.out.println("work complete: " + d.value().result());
        }
    }
}

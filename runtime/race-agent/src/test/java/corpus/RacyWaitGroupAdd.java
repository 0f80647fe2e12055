package corpus;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Go;
import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.WaitGroup;
import dev.gokata.runtime.WaitReason;
import java.util.Optional;

/**
 * Go's classic WaitGroup misuse: the worker calls Add itself, so nothing orders the Add before the Wait. Here the
 * Add happens first, and the program's output is right; the race detector reports it all the same (in another
 * schedule the Wait sees a zero counter and returns before the work is done). The goroutines learn each other's
 * state through their wait reasons, which make no happens-before edge.
 */
public class RacyWaitGroupAdd {
    public static void main(String[] args) {
        var wg = new WaitGroup();
        Chan<Integer> gate = Chan.make();
        Goroutine worker = go(() -> {
            wg.add(1); // RACE
            gate.recv();
            wg.done();
        });
        Chan<Integer> waited = Chan.make();
        Goroutine waiter = go(() -> {
            awaitReason(worker, WaitReason.CHAN_RECEIVE); // it has added, and waits at the gate
            wg.await(); // RACE
            waited.close();
        });
        awaitReason(waiter, WaitReason.WAITGROUP_WAIT);
        gate.send(1);
        waited.recv();
        System.out.println("waited for the worker");
    }

    private static void awaitReason(Goroutine g, WaitReason reason) {
        while (!g.waitReason().equals(Optional.of(reason))) {
            Go.gosched();
        }
    }
}

package corpus;

/** A volatile flag publishes only what was written before it: data written after the flag races. */
public class RacyVolatileAfter {
    volatile boolean ready;
    int data;

    public static void main(String[] args) throws InterruptedException {
        var p = new RacyVolatileAfter();
        Thread t = Thread.ofPlatform().start(() -> {
            p.ready = true;
            p.data = 42; // RACE
        });
        while (!p.ready) {
            Thread.onSpinWait();
        }
        System.out.println(p.data); // RACE
        t.join();
    }
}

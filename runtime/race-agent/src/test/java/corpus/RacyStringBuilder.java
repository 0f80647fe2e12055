package corpus;

/** Two threads append to one StringBuilder. */
public class RacyStringBuilder {
    public static void main(String[] args) throws InterruptedException {
        var sb = new StringBuilder();
        Thread t = Thread.startVirtualThread(() -> sb.append("a")); // RACE
        sb.append("b"); // RACE
        t.join();
    }
}

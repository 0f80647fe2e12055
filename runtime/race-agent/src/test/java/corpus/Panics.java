package corpus;

/** Panics in main: GoRun must exit with status 2 and Go's panic report. */
public class Panics {
    public static void main(String[] args) {
        throw new IllegalStateException("boom");
    }
}

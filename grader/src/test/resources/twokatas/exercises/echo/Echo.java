package echo;

/**
 * Says back what it is given, and tells when it runs in a JVM where the adder kata's ticking submission ran (the
 * grader's test of kata isolation).
 */
public final class Echo {
    private Echo() {
    }

    public static String echo(String s) {
        return System.getProperty("adder.ticking") == null ? s : s + " (in the JVM of adder's tests)";
    }

    public static void main(String[] args) {
        System.out.println(echo("hello"));
    }
}

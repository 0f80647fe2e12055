package echo;

/** Says back what it is given. */
public final class Echo {
    private Echo() {
    }

    public static String echo(String s) {
        return s;
    }

    public static void main(String[] args) {
        System.out.println(echo("hello"));
    }
}

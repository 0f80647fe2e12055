package echo;

import static dev.gokata.runtime.Go.go;

/**
 * Says back what it is given, but each call leaves a goroutine that computes on and never parks, and prints how many
 * times echo was called in this JVM: a fresh JVM for each test says "call 1".
 */
public final class Echo {
    private static int calls;

    private Echo() {
    }

    public static String echo(String s) {
        System.out.println("call " + ++calls);
        go(() -> {
            while (true) {
                Thread.onSpinWait();
            }
        });
        return s;
    }
}

package corpus;

/** Data written before a volatile flag is published by it. */
public class SafeVolatile {
    volatile boolean ready;
    int data;
    static volatile int staticFlag;
    static int staticData;

    public static void main(String[] args) throws InterruptedException {
        var p = new SafeVolatile();
        Thread t = Thread.ofPlatform().start(() -> {
            p.data = 42;
            staticData = 7;
            p.ready = true;
            staticFlag = 1;
        });
        while (!p.ready || staticFlag == 0) {
            Thread.onSpinWait();
        }
        System.out.println(p.data + staticData);
        t.join();
    }
}

package corpus;

/** A hand-off with Object.wait and notifyAll. */
public class SafeWaitNotify {
    private String value;
    private boolean set;

    synchronized void put(String v) {
        value = v;
        set = true;
        notifyAll();
    }

    synchronized String take() throws InterruptedException {
        while (!set) {
            wait();
        }
        return value;
    }

    public static void main(String[] args) throws InterruptedException {
        var box = new SafeWaitNotify();
        var data = new int[1];
        Thread t = Thread.ofPlatform().start(() -> {
            data[0] = 5;
            box.put("hi");
        });
        System.out.println(box.take() + data[0]);
        t.join();
    }
}

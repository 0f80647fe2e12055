package corpus;

import static dev.gokata.runtime.Go.go;

/** Start and join edges: platform, virtual, builder, unstarted, and the go statement. */
public class SafeStartJoin {
    int a;
    int b;
    int c;
    int d;
    int[] cells = new int[3];

    public static void main(String[] args) throws InterruptedException {
        var s = new SafeStartJoin();
        s.a = 1;
        Thread t1 = new Thread(() -> s.a++);
        t1.start();
        t1.join();
        s.a++;
        s.b = 1;
        Thread t2 = Thread.ofVirtual().unstarted(() -> s.b++);
        t2.start();
        t2.join();
        s.b++;
        s.c = 1;
        Thread t3 = Thread.startVirtualThread(() -> s.c++);
        t3.join();
        s.c++;
        s.d = 1;
        Thread t4 = Thread.ofPlatform().start(() -> s.d++);
        t4.join();
        s.d++;
        s.cells[0] = 1;
        Thread t5 = go(() -> s.cells[0]++).thread();
        t5.join();
        s.cells[0]++;
        System.out.println(s.a + s.b + s.c + s.d + s.cells[0]);
    }
}

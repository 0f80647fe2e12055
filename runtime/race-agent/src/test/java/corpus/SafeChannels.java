package corpus;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Select;

/** Objects handed over unbuffered and buffered channels, a pipeline closed and ranged over, and a select. */
public class SafeChannels {
    int value;
    int[] squares = new int[10];

    public static void main(String[] args) {
        Chan<SafeChannels> unbuffered = Chan.make();
        go(() -> {
            var m = new SafeChannels();
            m.value = 1;
            unbuffered.send(m);
        });
        SafeChannels got = unbuffered.recv();
        got.value++;
        Chan<Integer> gen = Chan.make(3);
        Chan<Integer> sq = Chan.make(3);
        var shared = new SafeChannels();
        go(() -> {
            for (int i = 0; i < 10; i++) {
                gen.send(i);
            }
            gen.close();
        });
        go(() -> {
            for (int n : gen) {
                shared.squares[n] = n * n;
                sq.send(n);
            }
            sq.close();
        });
        int sum = 0;
        for (int n : sq) {
            sum += shared.squares[n];
        }
        Chan<Integer> semaphore = Chan.make(1);
        Chan<Boolean> done = Chan.make();
        for (int i = 0; i < 4; i++) {
            go(() -> {
                semaphore.send(0);
                shared.value++;
                semaphore.recv();
                done.send(true);
            });
        }
        for (int i = 0; i < 4; i++) {
            done.recv();
        }
        Chan<SafeChannels> a = Chan.make();
        go(() -> {
            var m = new SafeChannels();
            m.value = 5;
            a.send(m);
        });
        Select.select().recv(a, m -> System.out.println(m.value + 1)).run();
        System.out.println(got.value + sum + shared.value);
    }
}

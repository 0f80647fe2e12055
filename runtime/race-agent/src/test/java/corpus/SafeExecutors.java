package corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Executors and futures: submit/get, invokeAll, close, awaitTermination, CompletableFuture chains and allOf. */
public class SafeExecutors {
    int input;
    int[] results = new int[4];
    int afterClose;

    public static void main(String[] args) throws Exception {
        var s = new SafeExecutors();
        s.input = 10;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Integer> f = pool.submit(() -> {
            s.results[0] = s.input + 1;
            return s.results[0];
        });
        System.out.println(f.get() + s.results[0]);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 1; i < 3; i++) {
            int n = i;
            tasks.add(() -> s.results[n] = n * s.input);
        }
        for (Future<Integer> r : pool.invokeAll(tasks)) {
            r.get();
        }
        System.out.println(s.results[1] + s.results[2]);
        pool.execute(() -> s.results[3] = 3);
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println(s.results[3]);
        try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
            ex.submit(() -> s.afterClose = 1);
        }
        System.out.println(s.afterClose);
        var cf = CompletableFuture.supplyAsync(() -> s.input * 2).thenApply(v -> {
            s.input = v;
            return v + 1;
        });
        System.out.println(cf.join() + s.input);
        var a = CompletableFuture.runAsync(() -> s.results[0] = 100);
        var b = CompletableFuture.runAsync(() -> s.results[1] = 200);
        CompletableFuture.allOf(a, b).join();
        System.out.println(s.results[0] + s.results[1]);
    }
}

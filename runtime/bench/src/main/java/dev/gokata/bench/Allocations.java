package dev.gokata.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * What one operation of a workload allocates, class by class, exactly: the heap's class histogram, unreachable
 * objects included, taken before and after some runs in a JVM whose collector (Epsilon) never frees anything. JFR's
 * allocation samples only estimate this, and weigh small objects by the buffers they happen to open.
 * <pre>
 * $JAVA_HOME/bin/java $gokata_jvm_options -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xmx8g \
 *   -cp runtime/bench/target/benchmarks.jar dev.gokata.bench.Allocations spawn100k gokata
 * </pre>
 * Arguments: the workload, the implementation ({@code gokata} or {@code jox}), then optionally the runs before the
 * first histogram (default 4), the runs measured (default 2) and the classes listed (default 15). One operation is
 * the workload's own (a value passed, a round trip, a select), but for {@code spawn100k} one goroutine.
 */
public final class Allocations {
    /** A line of the histogram: rank, instances, bytes, class name (then maybe its module). */
    private static final Pattern LINE = Pattern.compile("\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*");

    private Allocations() {
    }

    public static void main(String[] args) throws Exception {
        var workload = Workload.fromArgs(args, 2, 5, "Allocations WORKLOAD IMPL [WARMUP_RUNS] [RUNS] [CLASSES]");
        String impl = args[1];
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int classes = args.length > 4 ? Integer.parseInt(args[4]) : 15;
        for (int i = 0; i < warmup; i++) {
            workload.run().once(impl);
        }
        var before = histogram();
        long operations = 0;
        for (int i = 0; i < runs; i++) {
            operations += workload.run().once(impl);
        }
        var after = histogram();
        if (workload.spawns()) {
            operations *= SpawnBench.GOROUTINES;
        }
        print(workload.name() + " " + impl, before, after, operations, classes);
    }

    /** Instances and bytes per class, of every object in the heap (reachable or not). */
    private static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[] {"-all"}}, new String[] {String[].class.getName()});
        var counts = new HashMap<String, long[]>();
        for (String line : text.split("\n")) {
            var m = LINE.matcher(line);
            if (m.matches()) {
                counts.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            }
        }
        return counts;
    }

    private static void print(String title, Map<String, long[]> before, Map<String, long[]> after, long operations,
            int classes) {
        record Grown(String name, long instances, long bytes) { }
        var grown = new ArrayList<Grown>();
        long total = 0;
        for (var e : after.entrySet()) {
            long[] was = before.getOrDefault(e.getKey(), new long[2]);
            var g = new Grown(e.getKey(), e.getValue()[0] - was[0], e.getValue()[1] - was[1]);
            if (g.bytes > 0) {
                grown.add(g);
                total += g.bytes;
            }
        }
        grown.sort((a, b) -> Long.compare(b.bytes, a.bytes));
        System.out.printf(Locale.ROOT, "%s: %.0f bytes per operation (%d operations)%n", title,
                (double) total / operations, operations);
        for (var g : grown.subList(0, Math.min(classes, grown.size()))) {
            System.out.printf(Locale.ROOT, "%8.1f B %7.2f per operation  %s%n", (double) g.bytes / operations,
                    (double) g.instances / operations, g.name);
        }
    }
}

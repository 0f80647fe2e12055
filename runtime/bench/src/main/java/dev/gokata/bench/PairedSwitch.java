package dev.gokata.bench;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Runs one workload of gokata with an experiment's switch at two settings, alternately in one JVM, and prints the
 * median of each and their ratio, also by the machine's mode, in the line the paired tables read ({@link
 * Rounds#line}: {@code spawn100k Spinning.MODE=2 48.7 Spinning.MODE=0 44.5 ratio 1.094 ...}): a change judged
 * within one JVM and one carrier pool, where JVMs that each run one setting differ among themselves by about 10%
 * even with no change at all (docs/benchmarks.md).
 *
 * <p>The switch is a static, non-final {@code int} field of a class of the runtime, which an experiment adds where
 * it decides (say {@code static volatile int MODE} in {@code Spinning}); the runtime keeps no such field. Give the
 * JVM the heap of the JMH forks and the paired scripts ({@code -Xms1g -Xmx2g -XX:+AlwaysPreTouch}): spawning's
 * results depend on it.
 *
 * <pre>
 * $JAVA_HOME/bin/java $gokata_jvm_options -Xms1g -Xmx2g -XX:+AlwaysPreTouch -cp runtime/bench/target/benchmarks.jar \
 *   dev.gokata.bench.PairedSwitch spawn100k 24 Spinning.MODE 0 2
 * </pre>
 */
public final class PairedSwitch {
    private PairedSwitch() {
    }

    public static void main(String[] args) throws Exception {
        var workload = Workload.fromArgs(args, 5,
                "PairedSwitch WORKLOAD ROUNDS CLASS.FIELD BEFORE AFTER (a static int field of dev.gokata.runtime)");
        int rounds = Integer.parseInt(args[1]);
        Field field;
        try {
            field = switchField(args[2]);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            System.err.println("PairedSwitch: no switch " + args[2] + " (" + e + "); an experiment adds one as a static"
                    + " volatile int field of a class of dev.gokata.runtime");
            System.exit(2);
            return;
        }
        int before = Integer.parseInt(args[3]);
        int after = Integer.parseInt(args[4]);
        var turns = List.of(after, before).stream() // the new setting first: the line's ratio is after / before
                .map(setting -> Paired.timed(workload, () -> {
                    field.setInt(null, setting);
                    return workload.run().once("gokata");
                }))
                .toList();
        System.out.println(Paired.rounds(rounds, turns).line(workload.name(), args[2] + "=" + after,
                args[2] + "=" + before, 0));
    }

    private static Field switchField(String classDotField) throws ReflectiveOperationException {
        int dot = classDotField.lastIndexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("name the switch as CLASS.FIELD, e.g. Spinning.MODE: " + classDotField);
        }
        Field field = Class.forName("dev.gokata.runtime." + classDotField.substring(0, dot))
                .getDeclaredField(classDotField.substring(dot + 1));
        if (field.getType() != int.class || !Modifier.isStatic(field.getModifiers())
                || Modifier.isFinal(field.getModifiers())) {
            throw new IllegalArgumentException(classDotField + " is not a static, non-final int field");
        }
        field.setAccessible(true);
        return field;
    }
}

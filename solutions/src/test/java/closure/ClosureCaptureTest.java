package closure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.testkit.Bytecode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The closure kata's lesson is a local of {@code incr} that the goroutine captures and changes after {@code incr}
 * returned; the output alone cannot show it. This test reads the bytecode of {@code incr}: it must hand the goroutine
 * a holder it can change (a lambda's captured value, or an argument of a class or method of Closure's own that builds
 * the body), and must not read or change the counter itself. Checked against the {@code counter-inside-goroutine},
 * {@code captures-a-copy} and {@code increments-in-incr} fixtures, which print the expected lines.
 */
class ClosureCaptureTest {
    /** What a goroutine's body may capture besides the counter: the Closure, the WaitGroup, the delay. */
    private static final Set<String> NOT_A_HOLDER = Set.of("closure/Closure", "dev/gokata/runtime/WaitGroup",
            "java/time/Duration", "java/lang/String", "java/io/PrintStream");

    /** What incr hands over (descriptors of captured values and arguments) and how it touches a counter itself. */
    private record Incr(List<String> handedOver, List<String> touches) {
        /** The handed-over types as Java names, for a message. */
        List<String> names() {
            return handedOver.stream().map(d -> Type.getType(d).getClassName()).distinct().toList();
        }
    }

    @Test
    void incrHandsItsOwnCounterToTheGoroutine() throws IOException {
        Incr incr = readIncr();
        assertTrue(incr.handedOver().stream().anyMatch(ClosureCaptureTest::isHolder), "incr hands its goroutine no"
                + " counter of its own (it passes only " + incr.names() + "): declare the counter in incr,"
                + " before go(...), as a holder the goroutine can change (int[] i = {0}; or an AtomicInteger), and"
                + " let the goroutine capture it. A counter declared inside the goroutine, or an int copied into it,"
                + " is not a variable of incr that outlives incr");
        assertEquals(List.of(), incr.touches(), "incr itself reads or changes the counter (" + incr.touches() + "):"
                + " the goroutine must increment it, after incr returned (i[0]++ inside the goroutine, then print"
                + " it); incr only declares it, starts the goroutine and prints return from function");
    }

    private static boolean isHolder(String descriptor) {
        Type type = Type.getType(descriptor);
        return switch (type.getSort()) {
            case Type.ARRAY -> true;
            case Type.OBJECT -> !NOT_A_HOLDER.contains(type.getInternalName());
            default -> false;
        };
    }

    private static Incr readIncr() throws IOException {
        List<String> handedOver = new ArrayList<>();
        List<String> touches = new ArrayList<>();
        Bytecode.visitMethods(Closure.class, (access, name, desc) -> {
            if (!name.equals("incr")) {
                return null;
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                    handOver(d);
                }

                @Override
                public void visitMethodInsn(int op, String owner, String m, String d, boolean itf) {
                    if (owner.startsWith("closure/Closure")) {
                        handOver(d);
                    } else if (owner.startsWith("java/util/concurrent/atomic/") && !m.equals("<init>")) {
                        touches.add(owner.substring(owner.lastIndexOf('/') + 1) + "." + m + "()");
                    }
                }

                @Override
                public void visitInsn(int opcode) {
                    if (opcode == Opcodes.IALOAD || opcode == Opcodes.LALOAD) {
                        touches.add("reads an array element");
                    }
                }

                private void handOver(String descriptor) {
                    Arrays.stream(Type.getArgumentTypes(descriptor)).map(Type::getDescriptor)
                            .forEach(handedOver::add);
                }
            };
        });
        return new Incr(handedOver, touches);
    }
}

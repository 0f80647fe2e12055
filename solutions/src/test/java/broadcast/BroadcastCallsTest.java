package broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Reads the bytecode of the student's Broadcast (lambdas included) and counts the Cond calls: the lesson is one
 * {@code broadcast()} that wakes every waiter, and no {@code signal()}. Checked against the
 * {@code signal-once-per-key} and {@code signal-instead-of-broadcast} fixtures.
 */
class BroadcastCallsTest {
    @Test
    void theWriterBroadcastsOnceAndNeverSignals() throws IOException {
        List<String> calls = new ArrayList<>();
        try (InputStream in = Broadcast.class.getResourceAsStream("Broadcast.class")) {
            new ClassReader(in.readAllBytes()).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitMethodInsn(int op, String owner, String m, String d, boolean itf) {
                            if (owner.equals("dev/gokata/runtime/Cond")
                                    && (m.equals("signal") || m.equals("broadcast"))) {
                                calls.add(m);
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG);
        }
        String found = calls.isEmpty() ? "never calls signal() or broadcast()"
                : "calls " + String.join(", ", calls.stream().map(m -> m + "()").toList());
        assertEquals(List.of("broadcast"), calls, "the code " + found + " on its Cond: the writer should change both"
                + " keys and then call c.broadcast() once, which wakes every waiter; signal() wakes only the one that"
                + " has waited longest");
    }
}

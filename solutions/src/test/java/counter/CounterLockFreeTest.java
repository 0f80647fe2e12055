package counter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.testkit.Bytecode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The counter kata's lesson is counting with atomics: this test reads the bytecode of the student's Counter (lambdas
 * included, they compile to methods of the same class; and its nested and anonymous classes, where a correct Counter
 * may keep its atomic) and fails if it locks: a {@code synchronized} block or method, gokata's Mutex or RWMutex, or a
 * {@code java.util.concurrent.locks} lock, or if it calls no atomic
 * ({@code java.util.concurrent.atomic}, a VarHandle), or if it still writes a plain {@code long} or {@code int} field
 * outside a constructor (an atomic flag that guards {@code counter++} is a spin lock). Checked against the
 * {@code mutex-counter} fixture (a lock), the {@code spin-lock} fixture (an AtomicBoolean that goroutines spin on
 * around a plain {@code counter++}) and the starter (no atomic).
 */
class CounterLockFreeTest {
    private static final List<String> LOCK_TYPES = List.of("dev/gokata/runtime/Mutex", "dev/gokata/runtime/RWMutex",
            "java/util/concurrent/locks/");
    private static final List<String> ATOMIC_TYPES = List.of("java/util/concurrent/atomic/",
            "java/lang/invoke/VarHandle");

    @Test
    void countsWithAnAtomicNotALock() throws IOException {
        List<String> locks = new ArrayList<>();
        List<String> atomics = new ArrayList<>();
        List<String> plainWrites = new ArrayList<>();
        for (Class<?> c : Bytecode.nest(Counter.class)) { // its nested classes, records and anonymous classes too
            String in = c == Counter.class ? "" : c.getName().substring(c.getName().indexOf('$') + 1) + ".";
            Bytecode.visitMethods(c, (access, method, desc) -> {
                String name = in + method;
                if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                    locks.add("synchronized method " + name);
                }
                boolean constructor = method.equals("<init>") || method.equals("<clinit>");
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                        boolean put = opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC;
                        if (put && !constructor && (desc.equals("J") || desc.equals("I"))) {
                            plainWrites.add(field + " in " + name);
                        }
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.MONITORENTER) {
                            locks.add("synchronized block in " + name);
                        }
                    }

                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String d, boolean itf) {
                        if (LOCK_TYPES.stream().anyMatch(owner::startsWith)) {
                            locks.add(owner.replace('/', '.') + "." + m + " in " + name);
                        }
                        if (ATOMIC_TYPES.stream().anyMatch(owner::startsWith)) {
                            atomics.add(owner);
                        }
                    }
                };
            });
        }
        assertTrue(!atomics.isEmpty(), "Counter uses no atomic: count with an AtomicLong (incrementAndGet), Go's"
                + " atomic.AddUint64; counter++ on a plain or volatile field loses increments");
        assertTrue(locks.isEmpty(), "the counter is correct with a lock, but this kata is about counting without one:"
                + " replace " + locks + " with an atomic (AtomicLong.incrementAndGet, Go's atomic.AddUint64)");
        assertTrue(plainWrites.isEmpty(), "Counter writes a plain field (" + plainWrites + "), although it uses an"
                + " atomic: if an atomic flag lets one goroutine at a time do counter++, that is a lock you built"
                + " yourself (a spin lock), and the others busy-wait for it. Make the counter itself the atomic:"
                + " counter.incrementAndGet() on an AtomicLong, and counter.get() to read it");
    }
}

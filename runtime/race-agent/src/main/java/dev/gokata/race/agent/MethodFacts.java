package dev.gokata.race.agent;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A first pass that records each method's {@code max_locals} and whether it makes calls: the instrumenter keeps its
 * temporaries in slots past {@code max_locals}, so it never needs {@code LocalVariablesSorter} (whose remapping, with
 * expanded frames, gave VerifyErrors), and it keeps the call path only in a method that makes calls.
 */
final class MethodFacts {
    /** What the instrumenter needs to know of a method before it sees the code. */
    record Facts(int maxLocals, boolean makesCalls) {
    }

    private MethodFacts() {
    }

    static Map<String, Facts> of(ClassReader reader) {
        Map<String, Facts> facts = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                // A constructor's one super(...) or this(...) call is not one the instrumenter tracks.
                int untracked = name.equals("<init>") ? 1 : 0;
                return new MethodVisitor(Opcodes.ASM9) {
                    private int calls;

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String d, boolean itf) {
                        calls++;
                    }

                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        facts.put(name + desc, new Facts(maxLocals, calls > untracked));
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
        return facts;
    }
}

package dev.gokata.race.agent;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A first pass that records each method's {@code max_locals}: the instrumenter keeps its temporaries in slots past
 * them, so it never needs {@code LocalVariablesSorter} (whose remapping, with expanded frames, gave VerifyErrors).
 */
final class MaxLocals {
    private MaxLocals() {
    }

    static Map<String, Integer> of(ClassReader reader) {
        Map<String, Integer> max = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        max.put(name + desc, maxLocals);
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
        return max;
    }
}

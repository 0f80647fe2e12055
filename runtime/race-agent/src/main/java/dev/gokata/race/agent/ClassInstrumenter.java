package dev.gokata.race.agent;

import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Hands every method with code to an {@link AccessInstrumenter}, with the class facts it needs. */
final class ClassInstrumenter extends ClassVisitor {
    private final Hierarchy hierarchy;
    private final Map<String, MethodFacts.Facts> facts;
    private String className;
    private String superName;
    private String file = "?";

    ClassInstrumenter(ClassVisitor next, Hierarchy hierarchy, Map<String, MethodFacts.Facts> facts) {
        super(Opcodes.ASM9, next);
        this.hierarchy = hierarchy;
        this.facts = facts;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        this.className = name;
        this.superName = superName;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public void visitSource(String source, String debug) {
        if (source != null) {
            file = source;
        }
        super.visitSource(source, debug);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
        MethodFacts.Facts f = facts.get(name + desc);
        if (mv == null || f == null) {
            return mv;
        }
        var method = new AccessInstrumenter.Method(className, superName, name, access, file, f.maxLocals(),
                f.makesCalls());
        return new AccessInstrumenter(mv, method, hierarchy);
    }
}

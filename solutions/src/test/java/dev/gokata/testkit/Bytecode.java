package dev.gokata.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;

/** Reads a student's compiled class with ASM, for the lessons its output cannot show (what a method calls). */
public final class Bytecode {
    private Bytecode() {
    }

    /** A visitor for the method {@code name} with descriptor {@code desc}, or null to skip it. */
    @FunctionalInterface
    public interface MethodReader {
        MethodVisitor method(int access, String name, String desc);
    }

    /**
     * {@code type} and the classes nested in it, anonymous ones included: the student's code a check of {@code type}
     * reads too, since a correct solution may keep part of its work in a nested class or a {@code new Runnable()}.
     */
    public static List<Class<?>> nest(Class<?> type) {
        return Stream.of(type.getNestMembers())
                .filter(c -> c == type || c.getName().startsWith(type.getName() + "$")).toList();
    }

    /** Visits every method of {@code type}, lambda bodies included (each is a method of its own). */
    public static void visitMethods(Class<?> type, MethodReader reader) throws IOException {
        read(type, new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                return reader.method(access, name, desc);
            }
        });
    }

    /**
     * The whole of {@code type}'s compiled class as ASM's tree ({@link ClassNode}), lambda bodies included: for a check
     * that follows a method's control flow rather than its calls one by one.
     */
    public static ClassNode classNode(Class<?> type) throws IOException {
        var node = new ClassNode();
        read(type, node);
        return node;
    }

    /** Reads {@code type}'s class file, without debug information, into {@code visitor}. */
    private static void read(Class<?> type, ClassVisitor visitor) throws IOException {
        String file = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class"; // Outer$Inner.class
        try (InputStream in = type.getResourceAsStream(file)) {
            if (in == null) {
                throw new IOException("no compiled class of " + type.getName());
            }
            new ClassReader(in.readAllBytes()).accept(visitor, ClassReader.SKIP_DEBUG);
        }
    }
}

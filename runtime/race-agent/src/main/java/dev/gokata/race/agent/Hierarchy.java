package dev.gokata.race.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Class facts read from class files through the defining loader's resources, never by loading a class (loading
 * from a transformer could recurse or change initialisation order): superclasses for frame computation, and the
 * declaring class and modifiers of a field.
 */
final class Hierarchy {
    /** What one class file says; {@code fields} maps a field name to its access flags. */
    record Info(String name, String superName, String[] interfaces, boolean isInterface, Map<String, Integer> fields) {
    }

    /** A field resolved to the class that declares it. */
    record Field(String owner, int access) {
        boolean isFinal() {
            return (access & Opcodes.ACC_FINAL) != 0;
        }

        boolean isVolatile() {
            return (access & Opcodes.ACC_VOLATILE) != 0;
        }
    }

    private static final Info MISSING = new Info("", null, new String[0], false, Map.of());
    private final ClassLoader loader;
    private final Map<String, Info> cache = new ConcurrentHashMap<>();

    Hierarchy(ClassLoader loader) {
        this.loader = loader;
    }

    Info info(String name) {
        return cache.computeIfAbsent(name, this::read);
    }

    private Info read(String name) {
        String resource = name + ".class";
        try (InputStream in = loader != null ? loader.getResourceAsStream(resource)
                : ClassLoader.getSystemResourceAsStream(resource)) {
            if (in == null) {
                return MISSING;
            }
            var reader = new ClassReader(in);
            Map<String, Integer> fields = new ConcurrentHashMap<>();
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public FieldVisitor visitField(int access, String fname, String desc, String sig, Object value) {
                    fields.put(fname, access);
                    return null;
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return new Info(name, reader.getSuperName(), reader.getInterfaces(),
                    (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0, fields);
        } catch (IOException | RuntimeException e) {
            return MISSING;
        }
    }

    /** The class that declares field {@code name} as seen from {@code owner}, as the JVM resolves it (JVMS 5.4.3.2). */
    Field field(String owner, String name) {
        Field f = find(owner, name, 0);
        return f != null ? f : new Field(owner, 0);
    }

    private Field find(String owner, String name, int depth) {
        if (owner == null || depth > 32) {
            return null;
        }
        Info i = info(owner);
        Integer access = i.fields().get(name);
        if (access != null) {
            return new Field(owner, access);
        }
        for (String itf : i.interfaces()) {
            Field f = find(itf, name, depth + 1);
            if (f != null) {
                return f;
            }
        }
        return find(i.superName(), name, depth + 1);
    }

    String commonSuperClass(String type1, String type2) {
        Info a = info(type1);
        Info b = info(type2);
        if (a == MISSING || b == MISSING || a.isInterface() || b.isInterface()) {
            return "java/lang/Object";
        }
        Set<String> supersOfA = new HashSet<>();
        for (String t = type1; t != null; t = info(t).superName()) {
            supersOfA.add(t);
        }
        for (String t = type2; t != null; t = info(t).superName()) {
            if (supersOfA.contains(t)) {
                return t;
            }
        }
        return "java/lang/Object";
    }
}

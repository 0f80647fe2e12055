package dev.gokata.race.agent;

import java.lang.instrument.ClassFileTransformer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * Instruments the classes loaded from the agent's roots (by their {@link CodeSource}), never the JDK, the runtime,
 * the grader or the tests. A class that fails to instrument is loaded unchanged, with a warning.
 */
final class RaceTransformer implements ClassFileTransformer {
    private final List<Path> roots;

    RaceTransformer(List<Path> roots) {
        this.roots = roots;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        if (className == null || redefined != null || !fromRoots(domain) || className.startsWith("dev/gokata/")) {
            return null;
        }
        try {
            return instrument(loader, bytes);
        } catch (Throwable t) {
            System.err.println("gokata race agent: cannot instrument " + className.replace('/', '.') + ": " + t);
            return null;
        }
    }

    static byte[] instrument(ClassLoader loader, byte[] bytes) {
        var reader = new ClassReader(bytes);
        var hierarchy = new Hierarchy(loader);
        var writer = new HierarchyClassWriter(hierarchy);
        reader.accept(new ClassInstrumenter(writer, hierarchy, MethodFacts.of(reader)), ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }

    private boolean fromRoots(ProtectionDomain domain) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        if (source == null || source.getLocation() == null) {
            return false;
        }
        try {
            Path p = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
            return roots.contains(p);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    /** COMPUTE_FRAMES with the common superclass found by reading class files, never by loading classes. */
    private static final class HierarchyClassWriter extends ClassWriter {
        private final Hierarchy hierarchy;

        HierarchyClassWriter(Hierarchy hierarchy) {
            super(COMPUTE_FRAMES);
            this.hierarchy = hierarchy;
        }

        @Override
        protected String getCommonSuperClass(String type1, String type2) {
            return hierarchy.commonSuperClass(type1, type2);
        }
    }
}

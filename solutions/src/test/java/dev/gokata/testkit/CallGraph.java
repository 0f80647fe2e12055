package dev.gokata.testkit;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The methods of a student's compiled class and the calls each makes, lambda bodies and nested and anonymous classes
 * included: a check that looks for what some code does follows it into the helper methods, lambdas and classes of
 * the student's own it hands its work to, so that a correct solution split over several methods counts as much as
 * one written in a single method.
 *
 * <p>A call is an invoke instruction, or the method handle of a lambda or method reference the method makes (a
 * lambda's body is a private method of the class; making it counts as calling it, since the code that makes it hands
 * it on to run). Making an object of a nested or anonymous class (calling its constructor) counts as calling every
 * method of it, for the same reason: a {@code new Runnable() { ... }} handed to {@code go} runs its {@code run}. Only
 * the class's own methods and those of its nest are followed: a call through an interface (a {@code Supplier}'s
 * {@code get()}) cannot tell which lambda runs, but the method that made that lambda reaches it.
 */
public final class CallGraph {
    /** A method as the class files name it; also a call of it, by an invoke instruction or a method handle. */
    public record Method(String owner, String name, String desc) {
        @Override
        public String toString() {
            return owner.substring(owner.lastIndexOf('/') + 1) + "." + name + desc;
        }
    }

    private final String top;
    /** The calls of every method of the class and of its nest, in the order of the class files and of the code. */
    private final Map<Method, List<Method>> calls;

    private CallGraph(String top, Map<Method, List<Method>> calls) {
        this.top = top;
        this.calls = calls;
    }

    /** Reads the compiled class {@code type} and the other classes of its nest (its nested and anonymous classes). */
    public static CallGraph of(Class<?> type) throws IOException {
        Map<Method, List<Method>> calls = new LinkedHashMap<>();
        for (Class<?> c : Bytecode.nest(type)) {
            String owner = Type.getInternalName(c);
            Bytecode.visitMethods(c, (access, name, desc) -> {
                List<Method> made = new ArrayList<>();
                calls.put(new Method(owner, name, desc), made);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String callee, String m, String d, boolean itf) {
                        made.add(new Method(callee, m, d));
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                        for (Object arg : args) {
                            if (arg instanceof Handle h) {
                                made.add(new Method(h.getOwner(), h.getName(), h.getDesc()));
                            }
                        }
                    }
                };
            });
        }
        return new CallGraph(Type.getInternalName(type), calls);
    }

    /** Every method of the class and of its nest, in the order of the class files. */
    public Set<Method> methods() {
        return calls.keySet();
    }

    /** The methods of the class itself named {@code name}, whatever their descriptors. */
    public List<Method> methodsNamed(String name) {
        return calls.keySet().stream().filter(m -> m.owner().equals(top) && m.name().equals(name)).toList();
    }

    /**
     * The methods that run when {@code method} runs, as far as the class can tell: {@code method} itself, the methods
     * of the class and its nest it calls, makes a lambda or method reference of, or makes an object of, theirs in
     * turn, and so on (empty if the class has no such method).
     */
    public Set<Method> reachableFrom(Method method) {
        return reachableFrom(method, Set.of());
    }

    /**
     * {@link #reachableFrom(Method)}, not following into the methods {@code apart}: those a check must not credit to
     * {@code method}, such as the kata's own API that a {@code main} only uses.
     */
    public Set<Method> reachableFrom(Method method, Collection<Method> apart) {
        Set<Method> reached = new LinkedHashSet<>();
        Deque<Method> next = new ArrayDeque<>(List.of(method));
        while (!next.isEmpty()) {
            Method m = next.pop();
            if (calls.containsKey(m) && !apart.contains(m) && reached.add(m)) {
                calls.get(m).forEach(next::push);
                if (m.name().equals("<init>") && !m.owner().equals(top)) {
                    calls.keySet().stream().filter(o -> o.owner().equals(m.owner())).forEach(next::push);
                }
            }
        }
        return reached;
    }

    /** The calls of every method reachable from {@code method} ({@link #reachableFrom(Method)}), its own first. */
    public List<Method> callsReachableFrom(Method method) {
        return callsReachableFrom(method, Set.of());
    }

    /** The calls of every method {@link #reachableFrom(Method, Collection)}, its own first. */
    public List<Method> callsReachableFrom(Method method, Collection<Method> apart) {
        return reachableFrom(method, apart).stream().flatMap(m -> calls.get(m).stream()).toList();
    }
}

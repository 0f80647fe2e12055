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
 * The methods of a student's compiled class and the calls each makes, lambda bodies included: a check that looks for
 * what some code does follows it into the helper methods and lambdas of the same class it hands its work to, so that
 * a correct solution split over several methods counts as much as one written in a single method.
 *
 * <p>Methods are named by name plus descriptor ({@code main([Ljava/lang/String;)V}). A call is an invoke instruction
 * or the method handle of a lambda or method reference the method makes (a lambda's body is a private method of the
 * class; making it is counted as calling it, since the code that makes it hands it on to run). Only the class's own
 * methods are followed: a call through an interface (a {@code Supplier}'s {@code get()}) cannot tell which lambda
 * runs, but the method that made that lambda reaches it.
 */
public final class CallGraph {
    /** A call in a method: an invoke instruction, or the method handle of a lambda or method reference it makes. */
    public record Call(String owner, String name, String desc) {
        /** The called method as name plus descriptor. */
        public String method() {
            return name + desc;
        }
    }

    private final String owner;
    private final Map<String, List<Call>> calls;

    private CallGraph(String owner, Map<String, List<Call>> calls) {
        this.owner = owner;
        this.calls = calls;
    }

    /** Reads the compiled class {@code type}. */
    public static CallGraph of(Class<?> type) throws IOException {
        Map<String, List<Call>> calls = new LinkedHashMap<>();
        Bytecode.visitMethods(type, (access, name, desc) -> {
            List<Call> made = new ArrayList<>();
            calls.put(name + desc, made);
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitMethodInsn(int op, String owner, String m, String d, boolean itf) {
                    made.add(new Call(owner, m, d));
                }

                @Override
                public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                    for (Object arg : args) {
                        if (arg instanceof Handle h) {
                            made.add(new Call(h.getOwner(), h.getName(), h.getDesc()));
                        }
                    }
                }
            };
        });
        return new CallGraph(Type.getInternalName(type), calls);
    }

    /** Every method of the class, in the order of the class file. */
    public Set<String> methods() {
        return calls.keySet();
    }

    /** The methods named {@code name}, whatever their descriptors. */
    public List<String> methodsNamed(String name) {
        return calls.keySet().stream().filter(m -> m.startsWith(name + "(")).toList();
    }

    /**
     * The methods that run when {@code method} runs, as far as the class can tell: {@code method} itself, the methods
     * of the class it calls or makes a lambda or method reference of, theirs in turn, and so on (empty if the class
     * has no such method).
     */
    public Set<String> reachableFrom(String method) {
        return reachableFrom(method, Set.of());
    }

    /**
     * {@link #reachableFrom(String)}, not following into the methods {@code apart}: those a check must not credit to
     * {@code method}, such as the kata's own API that a {@code main} only uses.
     */
    public Set<String> reachableFrom(String method, Collection<String> apart) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(method));
        while (!next.isEmpty()) {
            String m = next.pop();
            if (calls.containsKey(m) && !apart.contains(m) && reached.add(m)) {
                calls.get(m).stream().filter(c -> c.owner().equals(owner)).map(Call::method).forEach(next::push);
            }
        }
        return reached;
    }

    /** The calls of every method reachable from {@code method} ({@link #reachableFrom(String)}), its own first. */
    public List<Call> callsReachableFrom(String method) {
        return callsReachableFrom(method, Set.of());
    }

    /** The calls of every method {@link #reachableFrom(String, Collection)}, its own first. */
    public List<Call> callsReachableFrom(String method, Collection<String> apart) {
        return reachableFrom(method, apart).stream().flatMap(m -> calls.get(m).stream()).toList();
    }
}

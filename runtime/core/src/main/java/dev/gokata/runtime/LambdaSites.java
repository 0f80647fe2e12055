package dev.gokata.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.lang.StackWalker.StackFrame;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Optional;

/**
 * Proves, once per class, that every instance of a lambda class passed to {@code go} comes from one {@code go}
 * statement, so that {@link CreationSite#capture} can name that statement without capturing the stack.
 *
 * <p>Implementation note. A lambda expression or method reference is linked by its own {@code invokedynamic}
 * instruction to a hidden class of its own; its instances are made only by that instruction. When the instruction
 * right before a call of {@code Go.go} is such an {@code invokedynamic} of {@link LambdaMetafactory}, with no branch
 * target between them (as javac compiles {@code go(() -> work(ch))} and {@code go(wg::done)}), the lambda flows
 * into that call and nowhere else: its class names the go statement, exactly. The proof runs on the
 * {@code PROVE_AFTER}-th capture for a class (a program that starts a lambda's goroutine fewer times never pays
 * for it): a {@link StackWalker} finds the direct caller of {@code Go.go} with its method and bytecode index, the
 * caller's class file is read through the {@link ClassFile} API, and the two instructions at that index are
 * checked, with the line they are on. Anything unusual (a runtime or JDK frame calling {@code go}, a class file
 * that cannot be read, a branch target between the instructions, a lambda passed through a variable) leaves the
 * class unproven, and its goroutines keep capturing their stacks; so the report never names a wrong line. What is
 * known about a class lives in a {@link ClassValue}, so it goes when the class is unloaded; {@code captures} is counted
 * racily, which only moves the proof by a few captures, and the proof is published through the volatile
 * {@code site}.
 */
final class LambdaSites {
    /**
     * Captures of one class's sites before its proof is tried. A proof costs about 5 ms (30 to 50 ms for the first
     * in a JVM, which loads and warms the class-file parser and the stack walker), as much as a few thousand
     * captures: a program that starts fewer goroutines from one lambda never pays for it.
     */
    static final int PROVE_AFTER = 4096;
    private static final String GO_OWNER = Go.class.getName().replace('.', '/');
    private static final String GO_TYPE =
            MethodType.methodType(Goroutine.class, Runnable.class).toMethodDescriptorString();
    private static final ClassDesc LAMBDA_FACTORY = ClassDesc.of(LambdaMetafactory.class.getName());
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private static final ClassValue<Known> KNOWN = new ClassValue<>() {
        @Override
        protected Known computeValue(Class<?> type) {
            return new Known(type);
        }
    };

    private LambdaSites() {
    }

    static Known of(Class<?> type) {
        return KNOWN.get(type);
    }

    /** What is known about the go statements that pass instances of one class. */
    static final class Known {
        private final Class<?> type;
        private final boolean candidate;
        private int captures;
        private volatile boolean tried;
        private volatile CreationSite site;

        private Known(Class<?> type) {
            this.type = type;
            this.candidate = type.isHidden();
        }

        /** The shared site of the one go statement this class comes from, or null while not proven. */
        CreationSite site() {
            return site;
        }

        /** A captured site; the {@code PROVE_AFTER}-th capture tries the proof (from within {@code Go.go}). */
        CreationSite captured() {
            if (candidate && !tried && ++captures >= PROVE_AFTER) {
                tried = true;
                CreationSite proven = prove(type).map(f -> CreationSite.of(List.of(f))).orElse(null);
                if (proven != null) {
                    site = proven;
                    return proven;
                }
            }
            return new CreationSite();
        }
    }

    /** The frame of the go statement that {@code lambda}'s instances come from, if it is provably just one. */
    static Optional<StackTraceElement> prove(Class<?> lambda) {
        StackFrame caller = WALKER.walk(s -> s.dropWhile(f -> Traceback.isRuntime(f.getClassName()))
                .findFirst().orElse(null));
        if (caller == null || Traceback.isJdk(caller.getClassName())) {
            return Optional.empty();
        }
        Class<?> host = caller.getDeclaringClass();
        if (host.getNestHost() != lambda.getNestHost()) {
            return Optional.empty();
        }
        try (InputStream in = host.getResourceAsStream("/" + host.getName().replace('.', '/') + ".class")) {
            if (in == null) {
                return Optional.empty();
            }
            ClassModel model = ClassFile.of().parse(in.readAllBytes());
            for (MethodModel m : model.methods()) {
                if (m.methodName().equalsString(caller.getMethodName())
                        && m.methodType().equalsString(caller.getDescriptor())) {
                    Optional<CodeAttribute> code = m.findAttribute(Attributes.code());
                    return code.isPresent()
                            && lambdaCallsGo(code.get(), caller.getByteCodeIndex(), caller.getLineNumber())
                            ? Optional.of(caller.toStackTraceElement())
                            : Optional.empty();
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * True if the instruction at {@code bci}, on {@code line}, calls {@code Go.go} on what the instruction before
     * made: a lambda. The line is checked too, so that a class rewritten as it was loaded (a coverage agent), whose
     * offsets differ from its class file's, is not proven by chance.
     */
    static boolean lambdaCallsGo(CodeAttribute code, int bci, int line) {
        int at = 0;
        int atLine = -1;
        Instruction previous = null;
        for (CodeElement e : code) {
            if (e instanceof LineNumber n) {
                atLine = n.line();
            } else if (e instanceof Label) {
                previous = null; // a branch may land here, with anything on the stack
            } else if (e instanceof Instruction i) {
                if (at == bci) {
                    return atLine == line && callsGo(i) && previous instanceof InvokeDynamicInstruction indy
                            && indy.bootstrapMethod().owner().equals(LAMBDA_FACTORY);
                }
                if (at > bci) {
                    return false;
                }
                previous = i;
                at += i.sizeInBytes();
            }
        }
        return false;
    }

    private static boolean callsGo(Instruction i) {
        return i instanceof InvokeInstruction call && call.opcode() == Opcode.INVOKESTATIC
                && call.owner().asInternalName().equals(GO_OWNER) && call.name().equalsString("go")
                && call.type().equalsString(GO_TYPE);
    }
}

package dev.gokata.race.agent;

import dev.gokata.runtime.race.Sites;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Instruments one method for the race detector. Each rewrite keeps the operand stack as it was:
 * <ul>
 *   <li>field reads and writes (not of final fields, not in {@code <clinit>}, not on {@code this} before the
 *       superclass constructor ran) call {@code RaceDetector.read/write/readStatic/writeStatic}; volatile ones
 *       acquire after a read and release before a write instead;</li>
 *   <li>array element loads and stores call {@code readArray/writeArray};</li>
 *   <li>{@code monitorenter} acquires after, {@code monitorexit} releases before; a {@code synchronized} method
 *       acquires on entry and releases before every return and, through a catch-all handler, on an exception. Every
 *       call between entering and leaving a monitor is covered by a handler that leaves it (javac's, or one of its
 *       own for the release in javac's handler), or HotSpot refuses to compile the method;</li>
 *   <li>a call named {@code start()} tells the detector a thread may start;</li>
 *   <li>calls into {@code java.util} (collections, j.u.c), {@code StringBuilder}, {@code Thread.join} and
 *       {@code Object.wait} are bracketed by {@code callBefore}/{@code callAfter} with the receiver; the functional
 *       arguments of j.u.c calls and thread builders are wrapped ({@code RaceTasks}) and linked to the result;</li>
 *   <li>in a method that makes calls, every call (but a constructor's {@code super(...)} or {@code this(...)} and
 *       what comes before it) is bracketed by {@code call}, which extends the thread's call path for the callee, and
 *       {@code back}, which puts the method's own path back; so do the start of each exception handler and a
 *       catch-all handler, added last in the exception table, as an exception leaves the method. The method reads
 *       the detector's thread state and its path once, at entry, into two locals.</li>
 * </ul>
 * Temporaries live in slots past the method's own {@code max_locals} (and those two locals); each rewrite reuses them
 * from the start.
 */
final class AccessInstrumenter extends MethodVisitor {
    /** The facts about the method being instrumented. */
    record Method(String owner, String superName, String name, int access, String file, int maxLocals,
                  boolean makesCalls) {
        boolean isConstructor() {
            return name.equals("<init>");
        }

        boolean isSynchronized() {
            return (access & Opcodes.ACC_SYNCHRONIZED) != 0;
        }

        boolean isStatic() {
            return (access & Opcodes.ACC_STATIC) != 0;
        }

        /** The detector's thread state, for the calls. */
        int threadSlot() {
            return maxLocals;
        }

        /** The method's call path. */
        int nodeSlot() {
            return maxLocals + 1;
        }

        int firstTemp() {
            return makesCalls ? maxLocals + 2 : maxLocals;
        }
    }

    private static final String DETECTOR = "dev/gokata/runtime/race/RaceDetector";
    private static final String TASKS = "dev/gokata/runtime/race/RaceTasks";
    private static final Set<String> MUTATORS = Set.of(
            "add", "addAll", "addFirst", "addLast", "put", "putAll", "putIfAbsent", "putFirst", "putLast",
            "remove", "removeAll", "removeIf", "removeFirst", "removeLast", "retainAll", "clear", "set", "sort",
            "replaceAll", "compute", "computeIfAbsent", "computeIfPresent", "merge", "replace", "offer",
            "offerFirst", "offerLast", "poll", "pollFirst", "pollLast", "push", "pop", "append", "insert", "delete",
            "deleteCharAt", "setLength", "setCharAt", "reverse", "trimToSize", "ensureCapacity", "pollFirstEntry",
            "pollLastEntry", "descendingIterator");
    private static final Set<String> AWAIT_TASKS = Set.of("close", "awaitTermination", "invokeAll", "invokeAny");
    private static final Set<String> JOIN = Set.of("()V", "(J)V", "(JI)V", "(Ljava/time/Duration;)Z");
    private static final Set<String> WAIT = Set.of("()V", "(J)V", "(JI)V");
    private static final java.util.Map<String, String> WRAPPERS = java.util.Map.of(
            "Ljava/lang/Runnable;", "runnable",
            "Ljava/util/concurrent/Callable;", "callable",
            "Ljava/util/function/Supplier;", "supplier",
            "Ljava/util/function/Function;", "function",
            "Ljava/util/function/Consumer;", "consumer",
            "Ljava/util/function/BiFunction;", "biFunction",
            "Ljava/util/function/BiConsumer;", "biConsumer");
    private static final Set<String> FUTURES = Set.of("Ljava/util/concurrent/CompletableFuture;",
            "Ljava/util/concurrent/Future;", "Ljava/util/concurrent/CompletionStage;");

    private final Method m;
    private final Hierarchy hierarchy;
    private final boolean inClassInit;
    private boolean thisInitialized;
    private int pendingNews;
    private int line;
    private int nextTemp;
    private Label syncStart;
    /** Where the catch-all that puts the method's path back begins: once {@code this} is initialized. */
    private Label callsStart;
    private final Set<Label> handlers = new HashSet<>();
    /** Each protected range's start: a label of its own, visited just before the original (see {@link #visitLabel}). */
    private final Map<Label, Label> rangeStarts = new HashMap<>();
    /** The temporary that holds the monitor just entered, until the acquire is emitted; -1 when none is pending. */
    private int entered = -1;
    /** The release in each handler of a synchronized block, by the handler's label. */
    private final Map<Label, Release> releases = new LinkedHashMap<>();
    /** The release of the synchronized block's handler being visited: up to its monitorexit, then to its athrow. */
    private Release release;

    /**
     * javac's handler of a synchronized block ({@code astore e; aload m; monitorexit; aload e; athrow}) is covered by
     * a range of its own up to its {@code monitorexit}. The release before that {@code monitorexit} is a call that
     * can throw: into the handler again, from inside it, and C1 gives up on such a method ("error while joining with
     * exception handler"). So the call has a catch-all of its own, ahead of that range in the table, whose handler
     * follows javac's {@code athrow} (under the same outer ranges) and exits the monitor from a temporary.
     */
    private static final class Release {
        /** Where javac's range over the handler ends: right after its monitorexit. */
        final Label rangeEnd;
        final Label start = new Label();
        final Label end = new Label();
        final Label handler = new Label();
        /** The temporary that holds the monitor, once the call is emitted. */
        int monitor = -1;
        boolean handled;

        Release(Label rangeEnd) {
            this.rangeEnd = rangeEnd;
        }
    }

    AccessInstrumenter(MethodVisitor next, Method m, Hierarchy hierarchy) {
        super(Opcodes.ASM9, next);
        this.m = m;
        this.hierarchy = hierarchy;
        this.inClassInit = m.name().equals("<clinit>");
        this.thisInitialized = !m.isConstructor();
    }

    // ---- synchronized methods ----

    @Override
    public void visitCode() {
        super.visitCode();
        if (m.makesCalls()) {
            callDetector("thread", "()Ljava/lang/Object;");
            super.visitInsn(Opcodes.DUP);
            super.visitVarInsn(Opcodes.ASTORE, m.threadSlot());
            callDetector("node", "(Ljava/lang/Object;)I");
            super.visitVarInsn(Opcodes.ISTORE, m.nodeSlot());
            if (thisInitialized) {
                startCalls();
            }
        }
        if (m.isSynchronized()) {
            // The acquire inside the catch-all's range, as in a synchronized block: every exit releases.
            syncStart = new Label();
            super.visitLabel(syncStart);
            pushMonitor();
            callDetector("monitorEnter", "(Ljava/lang/Object;)V");
        }
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        for (Release r : releases.values()) { // in code not shaped as javac's
            if (r.monitor < 0) { // no monitorexit where the handler begins: a range that cannot throw
                super.visitLabel(r.start);
                super.visitInsn(Opcodes.NOP);
                super.visitLabel(r.end);
            }
            if (!r.handled) {
                exitReleased(r);
            }
        }
        if (syncStart != null) {
            catchAll(syncStart, () -> {
                pushMonitor();
                callDetector("monitorExit", "(Ljava/lang/Object;)V");
            });
        }
        if (callsStart != null) {
            // After the monitor's handler, and covering it: an exception that leaves the method, even one thrown
            // by a callee outside instrumented code, leaves the thread on the path the method was entered with.
            catchAll(callsStart, this::back);
        }
        super.visitMaxs(maxStack, maxLocals);
    }

    /** A handler for any exception from {@code start} to here, last in the table: {@code before}, then rethrow. */
    private void catchAll(Label start, Runnable before) {
        Label end = new Label();
        Label handler = new Label();
        super.visitLabel(end);
        super.visitTryCatchBlock(start, end, handler, null);
        super.visitLabel(handler);
        before.run();
        super.visitInsn(Opcodes.ATHROW);
    }

    // ---- call stacks ----

    /**
     * The catch-all handler's range begins here; in a constructor only once {@code super(...)} returned: a handler
     * over code where {@code this} is uninitialized would need {@code this} uninitialized in its frame too, which
     * the verifier rejects at every instruction after the super call.
     */
    private void startCalls() {
        callsStart = new Label();
        super.visitLabel(callsStart);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        handlers.add(handler);
        if (start == handler && type == null) {
            Release r = new Release(end);
            releases.put(handler, r);
            super.visitTryCatchBlock(r.start, r.end, r.handler, null);
        }
        super.visitTryCatchBlock(rangeStarts.computeIfAbsent(start, s -> new Label()), end, handler, type);
    }

    @Override
    public void visitLabel(Label label) {
        Label rangeStart = rangeStarts.get(label);
        if (rangeStart != null) {
            super.visitLabel(rangeStart);
        }
        // Past the range's start, so the handler that exits the monitor covers the acquire; before the original
        // label, which a loop at the start of the block jumps back to.
        acquireEntered();
        super.visitLabel(label);
        if (releases.containsKey(label)) {
            release = releases.get(label);
        } else if (release != null && label != release.rangeEnd) {
            release = null; // not javac's handler: its release stays as it is, its handler rethrows unreached
        }
        // A synchronized block's handler rethrows at once: the handler that catches the exception, or the
        // catch-all, puts the path back; a call here would be one more that can throw inside that handler.
        if (m.makesCalls() && handlers.contains(label) && !releases.containsKey(label)) {
            back(); // the callee that threw left the thread on its own path, or deeper
        }
    }

    /**
     * The call itself. Once {@code this} is initialized, the thread's path is extended with this call for the
     * callee (which reads it at its entry if instrumented, directly or through JDK code that calls back) and put
     * back after it. Before that, the callee runs on the constructor's own path: without a catch-all there, an
     * exception could not put a changed path back.
     */
    private void invoke(int opcode, String owner, String name, String desc, boolean itf) {
        boolean tracked = m.makesCalls() && thisInitialized;
        if (tracked) {
            super.visitVarInsn(Opcodes.ALOAD, m.threadSlot());
            super.visitVarInsn(Opcodes.ILOAD, m.nodeSlot());
            push(site(Sites.CALL));
            callDetector("call", "(Ljava/lang/Object;II)V");
        }
        super.visitMethodInsn(opcode, owner, name, desc, itf);
        if (tracked) {
            back();
        }
    }

    private void back() {
        super.visitVarInsn(Opcodes.ALOAD, m.threadSlot());
        super.visitVarInsn(Opcodes.ILOAD, m.nodeSlot());
        callDetector("back", "(Ljava/lang/Object;I)V");
    }

    private void pushMonitor() {
        if (m.isStatic()) {
            super.visitLdcInsn(Type.getObjectType(m.owner()));
        } else {
            super.visitVarInsn(Opcodes.ALOAD, 0);
        }
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        this.line = line;
        super.visitLineNumber(line, start);
    }

    // ---- plain instructions: returns, arrays, monitors ----

    @Override
    public void visitInsn(int opcode) {
        acquireEntered();
        switch (opcode) {
            case Opcodes.IRETURN, Opcodes.LRETURN, Opcodes.FRETURN, Opcodes.DRETURN, Opcodes.ARETURN,
                    Opcodes.RETURN -> {
                if (syncStart != null) {
                    pushMonitor();
                    callDetector("monitorExit", "(Ljava/lang/Object;)V");
                }
            }
            case Opcodes.IALOAD, Opcodes.LALOAD, Opcodes.FALOAD, Opcodes.DALOAD, Opcodes.AALOAD, Opcodes.BALOAD,
                 Opcodes.CALOAD, Opcodes.SALOAD -> {
                if (!inClassInit) {
                    super.visitInsn(Opcodes.DUP2);
                    push(site(Sites.ACCESS));
                    callDetector("readArray", "(Ljava/lang/Object;II)V");
                }
            }
            case Opcodes.IASTORE, Opcodes.FASTORE, Opcodes.AASTORE, Opcodes.BASTORE, Opcodes.CASTORE,
                 Opcodes.SASTORE, Opcodes.LASTORE, Opcodes.DASTORE -> {
                if (!inClassInit) {
                    Type value = switch (opcode) {
                        case Opcodes.LASTORE -> Type.LONG_TYPE;
                        case Opcodes.DASTORE -> Type.DOUBLE_TYPE;
                        case Opcodes.FASTORE -> Type.FLOAT_TYPE;
                        case Opcodes.AASTORE -> Type.getObjectType("java/lang/Object");
                        default -> Type.INT_TYPE;
                    };
                    nextTemp = m.firstTemp();
                    int tmp = temp(value);
                    super.visitVarInsn(value.getOpcode(Opcodes.ISTORE), tmp);
                    super.visitInsn(Opcodes.DUP2);
                    push(site(Sites.ACCESS));
                    callDetector("writeArray", "(Ljava/lang/Object;II)V");
                    super.visitVarInsn(value.getOpcode(Opcodes.ILOAD), tmp);
                }
            }
            case Opcodes.MONITORENTER -> {
                // The operand stack must be empty below monitorenter's operand, as javac leaves it: a virtual
                // thread that blocks here is unmounted, and HotSpot 25 crashed resuming one with a value left
                // on the stack (SIGSEGV in the next call). So the monitor goes through a temporary.
                nextTemp = m.firstTemp();
                entered = temp(Type.getObjectType("java/lang/Object"));
                super.visitInsn(Opcodes.DUP);
                super.visitVarInsn(Opcodes.ASTORE, entered);
                super.visitInsn(Opcodes.MONITORENTER);
                // The acquire waits for the next label or instruction. javac's range, whose catch-any handler
                // exits the monitor, begins at the label right after monitorenter: a call that can throw before
                // it leaves the monitor held on that path, and HotSpot then finds the monitors unbalanced and
                // never compiles the method (C1: "invalid parsing", C2: "unbalanced monitors").
                return;
            }
            case Opcodes.MONITOREXIT -> {
                if (release != null && release.monitor < 0) {
                    nextTemp = m.firstTemp();
                    release.monitor = temp(Type.getObjectType("java/lang/Object"));
                    super.visitInsn(Opcodes.DUP);
                    super.visitVarInsn(Opcodes.ASTORE, release.monitor);
                    super.visitLabel(release.start);
                    super.visitVarInsn(Opcodes.ALOAD, release.monitor);
                    callDetector("monitorExit", "(Ljava/lang/Object;)V");
                    super.visitLabel(release.end);
                } else {
                    super.visitInsn(Opcodes.DUP);
                    callDetector("monitorExit", "(Ljava/lang/Object;)V");
                }
            }
            default -> {
            }
        }
        super.visitInsn(opcode);
        if (opcode == Opcodes.ATHROW && release != null && release.monitor >= 0) {
            exitReleased(release); // javac's rethrow
            release = null;
        }
    }

    /** The handler of a release that threw: exit the monitor, throw what the release threw. */
    private void exitReleased(Release r) {
        super.visitLabel(r.handler);
        if (r.monitor >= 0) {
            super.visitVarInsn(Opcodes.ALOAD, r.monitor);
            super.visitInsn(Opcodes.MONITOREXIT);
        }
        super.visitInsn(Opcodes.ATHROW);
        r.handled = true;
    }

    /** The acquire of the monitor entered last, once its protected range began (see {@code MONITORENTER}). */
    private void acquireEntered() {
        if (entered >= 0) {
            super.visitVarInsn(Opcodes.ALOAD, entered);
            callDetector("monitorEnter", "(Ljava/lang/Object;)V");
            entered = -1;
        }
    }

    // Any other instruction right after monitorenter (in code no range begins at) comes after the acquire too.

    @Override
    public void visitIntInsn(int opcode, int operand) {
        acquireEntered();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        acquireEntered();
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        acquireEntered();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        acquireEntered();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        acquireEntered();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        acquireEntered();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        acquireEntered();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String desc, int dims) {
        acquireEntered();
        super.visitMultiANewArrayInsn(desc, dims);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... bsmArgs) {
        acquireEntered();
        super.visitInvokeDynamicInsn(name, desc, bsm, bsmArgs);
    }

    // ---- fields ----

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String desc) {
        acquireEntered();
        if (inClassInit || !thisInitialized) {
            super.visitFieldInsn(opcode, owner, name, desc);
            return;
        }
        Hierarchy.Field f = hierarchy.field(owner, name);
        if (f.isFinal()) {
            super.visitFieldInsn(opcode, owner, name, desc);
            return;
        }
        int id = Sites.field(f.owner().replace('/', '.'), name);
        int size = Type.getType(desc).getSize();
        boolean isVolatile = f.isVolatile();
        switch (opcode) {
            case Opcodes.GETFIELD -> {
                super.visitInsn(Opcodes.DUP);
                if (isVolatile) {
                    super.visitFieldInsn(opcode, owner, name, desc);
                    if (size == 1) {
                        super.visitInsn(Opcodes.SWAP);
                    } else {
                        super.visitInsn(Opcodes.DUP2_X1);
                        super.visitInsn(Opcodes.POP2);
                    }
                    push(id);
                    callDetector("volatileRead", "(Ljava/lang/Object;I)V");
                    return;
                }
                push(id);
                push(site(Sites.ACCESS));
                callDetector("read", "(Ljava/lang/Object;II)V");
            }
            case Opcodes.PUTFIELD -> {
                if (size == 1) {
                    super.visitInsn(Opcodes.DUP2);
                    super.visitInsn(Opcodes.POP);
                } else {
                    super.visitInsn(Opcodes.DUP2_X1);
                    super.visitInsn(Opcodes.POP2);
                    super.visitInsn(Opcodes.DUP_X2);
                }
                push(id);
                if (isVolatile) {
                    callDetector("volatileWrite", "(Ljava/lang/Object;I)V");
                } else {
                    push(site(Sites.ACCESS));
                    callDetector("write", "(Ljava/lang/Object;II)V");
                }
            }
            case Opcodes.GETSTATIC -> {
                if (isVolatile) {
                    super.visitFieldInsn(opcode, owner, name, desc);
                    super.visitInsn(Opcodes.ACONST_NULL);
                    push(id);
                    callDetector("volatileRead", "(Ljava/lang/Object;I)V");
                    return;
                }
                push(id);
                push(site(Sites.ACCESS));
                callDetector("readStatic", "(II)V");
            }
            case Opcodes.PUTSTATIC -> {
                if (isVolatile) {
                    super.visitInsn(Opcodes.ACONST_NULL);
                    push(id);
                    callDetector("volatileWrite", "(Ljava/lang/Object;I)V");
                } else {
                    push(id);
                    push(site(Sites.ACCESS));
                    callDetector("writeStatic", "(II)V");
                }
            }
            default -> throw new IllegalArgumentException("not a field instruction: " + opcode);
        }
        super.visitFieldInsn(opcode, owner, name, desc);
    }

    // ---- calls ----

    @Override
    public void visitTypeInsn(int opcode, String type) {
        acquireEntered();
        if (opcode == Opcodes.NEW && !thisInitialized) {
            pendingNews++;
        }
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
        acquireEntered();
        if (name.equals("<init>")) {
            if (thisInitialized) {
                invoke(opcode, owner, name, desc, itf);
                return;
            }
            if (opcode == Opcodes.INVOKESPECIAL) {
                if (pendingNews > 0) {
                    pendingNews--;
                } else {
                    thisInitialized = true;
                }
            }
            super.visitMethodInsn(opcode, owner, name, desc, itf);
            if (thisInitialized && m.makesCalls()) {
                startCalls();
            }
            return;
        }
        boolean virtual = opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE;
        if (opcode == Opcodes.INVOKEVIRTUAL && name.equals("start") && desc.equals("()V")) {
            super.visitInsn(Opcodes.DUP);
            callDetector("threadStart", "(Ljava/lang/Object;)V");
            invoke(opcode, owner, name, desc, itf);
        } else if (opcode == Opcodes.INVOKEVIRTUAL && name.equals("join") && JOIN.contains(desc)) {
            bracket(opcode, owner, name, desc, itf, Sites.CALL_JOIN, false);
        } else if (opcode == Opcodes.INVOKEVIRTUAL && name.equals("wait") && WAIT.contains(desc)) {
            bracket(opcode, owner, name, desc, itf, Sites.CALL_WAIT, false);
        } else if (owner.startsWith("java/util/concurrent/") && (virtual || opcode == Opcodes.INVOKESTATIC)) {
            bracket(opcode, owner, name, desc, itf, AWAIT_TASKS.contains(name) ? Sites.CALL_AWAIT_TASKS
                    : Sites.CALL_READ, true);
        } else if (owner.startsWith("java/lang/Thread") && (name.equals("start") || name.equals("startVirtualThread"))
                && desc.startsWith("(Ljava/lang/Runnable;)")) {
            bracket(opcode, owner, name, desc, itf, Sites.CALL_READ, true);
        } else if (virtual && isCollectionOwner(owner)) {
            bracket(opcode, owner, name, desc, itf, MUTATORS.contains(name) ? Sites.CALL_WRITE : Sites.CALL_READ,
                    false);
        } else {
            invoke(opcode, owner, name, desc, itf);
        }
    }

    private static boolean isCollectionOwner(String owner) {
        return (owner.startsWith("java/util/") && owner.indexOf('/', "java/util/".length()) < 0)
                || owner.equals("java/lang/StringBuilder") || owner.equals("java/lang/StringBuffer")
                || owner.equals("java/lang/Iterable");
    }

    /**
     * Rewrites a call as: spill the arguments and the receiver to temporaries; {@code callBefore(receiver)}; reload
     * (wrapping functional arguments if asked); call; {@code callAfter(receiver, result)}; link the result to the
     * wrapped tasks and to the futures passed in.
     */
    private void bracket(int opcode, String owner, String name, String desc, boolean itf, int kind, boolean wrap) {
        int site = site(kind);
        Type[] args = Type.getArgumentTypes(desc);
        Type ret = Type.getReturnType(desc);
        boolean hasReceiver = opcode != Opcodes.INVOKESTATIC;
        nextTemp = m.firstTemp();
        int[] slots = new int[args.length];
        for (int i = 0; i < args.length; i++) {
            slots[i] = temp(args[i]);
        }
        int receiver = hasReceiver ? temp(Type.getObjectType("java/lang/Object")) : -1;
        int result = ret.getSort() == Type.OBJECT || ret.getSort() == Type.ARRAY
                ? temp(Type.getObjectType("java/lang/Object")) : -1;
        for (int i = args.length - 1; i >= 0; i--) {
            super.visitVarInsn(args[i].getOpcode(Opcodes.ISTORE), slots[i]);
        }
        if (hasReceiver) {
            super.visitVarInsn(Opcodes.ASTORE, receiver);
            super.visitVarInsn(Opcodes.ALOAD, receiver);
            push(site);
            callDetector("callBefore", "(Ljava/lang/Object;I)V");
            super.visitVarInsn(Opcodes.ALOAD, receiver);
            super.visitTypeInsn(Opcodes.CHECKCAST, owner);
        }
        boolean[] linked = new boolean[args.length];
        for (int i = 0; i < args.length; i++) {
            super.visitVarInsn(args[i].getOpcode(Opcodes.ILOAD), slots[i]);
            String d = args[i].getDescriptor();
            String wrapper = WRAPPERS.get(d);
            boolean callables = d.equals("Ljava/util/Collection;")
                    && (name.equals("invokeAll") || name.equals("invokeAny"));
            if (wrap && (wrapper != null || callables)) {
                if (hasReceiver) {
                    super.visitVarInsn(Opcodes.ALOAD, receiver);
                } else {
                    super.visitInsn(Opcodes.ACONST_NULL);
                }
                super.visitMethodInsn(Opcodes.INVOKESTATIC, TASKS, callables ? "callables" : wrapper,
                        "(" + d + "Ljava/lang/Object;)" + d, false);
                super.visitInsn(Opcodes.DUP);
                super.visitVarInsn(Opcodes.ASTORE, slots[i]);
                linked[i] = true;
            } else if (wrap && (FUTURES.contains(d) || d.startsWith("[Ljava/util/concurrent/"))) {
                linked[i] = true;
            }
        }
        invoke(opcode, owner, name, desc, itf);
        if (result >= 0) {
            super.visitInsn(Opcodes.DUP);
            super.visitVarInsn(Opcodes.ASTORE, result);
        }
        if (hasReceiver) {
            super.visitVarInsn(Opcodes.ALOAD, receiver);
            if (result >= 0) {
                super.visitVarInsn(Opcodes.ALOAD, result);
            } else {
                super.visitInsn(Opcodes.ACONST_NULL);
            }
            push(site);
            callDetector("callAfter", "(Ljava/lang/Object;Ljava/lang/Object;I)V");
        }
        if (result >= 0) {
            for (int i = 0; i < args.length; i++) {
                if (linked[i]) {
                    super.visitVarInsn(Opcodes.ALOAD, result);
                    super.visitVarInsn(Opcodes.ALOAD, slots[i]);
                    callDetector("link", "(Ljava/lang/Object;Ljava/lang/Object;)V");
                }
            }
        }
    }

    // ---- helpers ----

    private int temp(Type t) {
        int slot = nextTemp;
        nextTemp += t.getSize();
        return slot;
    }

    private int site(int kind) {
        return Sites.site(m.owner().replace('/', '.'), m.name(), m.file(), line, kind);
    }

    private void callDetector(String method, String desc) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, DETECTOR, method, desc, false);
    }

    private void push(int value) {
        if (value >= -1 && value <= 5) {
            super.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            super.visitIntInsn(Opcodes.BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            super.visitIntInsn(Opcodes.SIPUSH, value);
        } else {
            super.visitLdcInsn(value);
        }
    }
}

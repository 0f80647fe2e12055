package withcancel;

import dev.gokata.testkit.Bytecode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Finds, in a method's bytecode, the receives that can run again after a context's {@code cancel()}: a call that
 * receives from a channel (a range's {@code Iterator.hasNext}/{@code next}, or {@code recv}) that the method can reach
 * from its start without a cancel on the way and also from a cancel. A range that goes on after {@code cancel()} has
 * one; a loop left with {@code break}, or a cancel after the loop (in a finally too), has none. A receive that only
 * ever runs after the cancel (draining the channel on purpose) is not one either.
 *
 * <p>Implementation note: the control-flow graph has an edge from every instruction to the next one (but after a
 * goto, a switch, a throw or a return), to every jump target, and to the handler of every try block that covers it.
 */
final class ReceivesAfterCancel {
    private final AbstractInsnNode[] code;
    private final List<TryCatchBlockNode> handlers;
    private final MethodNode method;

    private ReceivesAfterCancel(MethodNode method) {
        this.method = method;
        this.code = method.instructions.toArray();
        this.handlers = method.tryCatchBlocks;
    }

    /** The receives of {@code type}'s method {@code name} (the first so named) that can run again after a cancel. */
    static List<String> in(Class<?> type, String name) throws IOException {
        MethodNode method = Bytecode.classNode(type).methods.stream().filter(m -> m.name.equals(name)).findFirst()
                .orElseThrow(() -> new IOException(type.getSimpleName() + " has no method " + name));
        return new ReceivesAfterCancel(method).find();
    }

    private List<String> find() {
        BitSet beforeCancel = reachable(List.of(0), this::cancels);
        var fromCancel = new ArrayList<Integer>();
        for (int i = 0; i < code.length; i++) {
            if (cancels(i)) {
                fromCancel.addAll(successors(i));
            }
        }
        BitSet afterCancel = reachable(fromCancel, i -> false);
        var found = new ArrayList<String>();
        for (int i = 0; i < code.length; i++) {
            if (receives(i) && beforeCancel.get(i) && afterCancel.get(i)) {
                var call = (MethodInsnNode) code[i];
                found.add(call.owner.substring(call.owner.lastIndexOf('/') + 1) + "." + call.name);
            }
        }
        return found;
    }

    /** The instructions reachable from {@code starts}, not going on past one that {@code stop} holds for. */
    private BitSet reachable(List<Integer> starts, IntPredicate stop) {
        var seen = new BitSet();
        var queue = new ArrayDeque<Integer>(starts);
        while (!queue.isEmpty()) {
            int i = queue.poll();
            if (i >= code.length || seen.get(i)) {
                continue;
            }
            seen.set(i);
            if (!stop.test(i)) {
                queue.addAll(successors(i));
            }
        }
        return seen;
    }

    private List<Integer> successors(int i) {
        var next = new ArrayList<Integer>();
        AbstractInsnNode insn = code[i];
        switch (insn) {
            case JumpInsnNode jump -> {
                next.add(at(jump.label));
                if (jump.getOpcode() != Opcodes.GOTO) {
                    next.add(i + 1);
                }
            }
            case TableSwitchInsnNode table -> {
                next.add(at(table.dflt));
                table.labels.forEach(l -> next.add(at(l)));
            }
            case LookupSwitchInsnNode lookup -> {
                next.add(at(lookup.dflt));
                lookup.labels.forEach(l -> next.add(at(l)));
            }
            default -> {
                int op = insn.getOpcode();
                if (op != Opcodes.ATHROW && (op < Opcodes.IRETURN || op > Opcodes.RETURN)) {
                    next.add(i + 1);
                }
            }
        }
        for (TryCatchBlockNode block : handlers) {
            if (at(block.start) <= i && i < at(block.end)) {
                next.add(at(block.handler));
            }
        }
        return next;
    }

    private int at(LabelNode label) {
        return method.instructions.indexOf(label);
    }

    private boolean cancels(int i) {
        return code[i] instanceof MethodInsnNode call && call.name.equals("cancel") && call.desc.equals("()V")
                && call.owner.startsWith("dev/gokata/runtime/");
    }

    private boolean receives(int i) {
        return code[i] instanceof MethodInsnNode call && switch (call.owner) {
            case "java/util/Iterator" -> call.name.equals("hasNext") || call.name.equals("next");
            case "dev/gokata/runtime/RecvChan", "dev/gokata/runtime/Chan" -> call.name.startsWith("recv");
            default -> false;
        };
    }
}

package broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gokata.testkit.Bytecode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Reads the bytecode of the student's Broadcast (lambdas and nested classes included) and counts the Cond calls: the
 * lesson is one {@code broadcast()} that wakes every waiter, and no {@code signal()}. Checked against the
 * {@code signal-once-per-key} and {@code signal-instead-of-broadcast} fixtures. And it reads, method by method,
 * whether a map is written after the broadcast: the {@code broadcast-before-second-put} fixture writes rsc1,
 * broadcasts and unlocks, then writes rsc2 under the lock again. The rsc2 waiter that the broadcast woke may check
 * before rsc2 is written and sleep again, with nobody left to wake it; whether it does depends on which goroutine
 * takes the lock first, so only the code can tell. A {@code c.broadcast()} in a {@code finally} is one call: javac
 * copies the finally's code into the handler that runs when the try throws, and that copy is not counted.
 */
class BroadcastCallsTest {
    @Test
    void theWriterBroadcastsOnceAndNeverSignals() throws IOException {
        List<String> calls = new ArrayList<>();
        for (Class<?> c : Bytecode.nest(Broadcast.class)) {
            Bytecode.visitMethods(c, (access, name, desc) -> new MethodVisitor(Opcodes.ASM9) {
                /** The handlers of finally blocks: javac copies a finally's code there, for when the try throws. */
                private final Set<Label> finallyCopies = new HashSet<>();
                private boolean inFinallyCopy;

                @Override
                public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                    if (type == null) {
                        finallyCopies.add(handler);
                    }
                }

                @Override
                public void visitLabel(Label label) {
                    inFinallyCopy |= finallyCopies.contains(label);
                }

                @Override
                public void visitInsn(int opcode) {
                    if (opcode == Opcodes.ATHROW) {
                        inFinallyCopy = false;
                    }
                }

                @Override
                public void visitMethodInsn(int op, String owner, String m, String d, boolean itf) {
                    if (owner.equals("dev/gokata/runtime/Cond") && (m.equals("signal") || m.equals("broadcast"))
                            && !inFinallyCopy) {
                        calls.add(m);
                    }
                }
            });
        }
        String found = calls.isEmpty() ? "never calls signal() or broadcast()"
                : "calls " + String.join(", ", calls.stream().map(m -> m + "()").toList());
        assertEquals(List.of("broadcast"), calls, "the code " + found + " on its Cond: the writer should change both"
                + " keys and then call c.broadcast() once, which wakes every waiter; signal() wakes only the one that"
                + " has waited longest");
    }

    @Test
    void theWriterBroadcastsOnlyAfterItsLastWrite() throws IOException {
        Map<String, List<String>> callsByMethod = new TreeMap<>();
        for (Class<?> c : Bytecode.nest(Broadcast.class)) {
            String in = c == Broadcast.class ? "" : c.getName().substring(c.getName().indexOf('$') + 1) + ".";
            Bytecode.visitMethods(c, (access, name, desc) -> {
                List<String> calls = callsByMethod.computeIfAbsent(in + name + desc, k -> new ArrayList<>());
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String d, boolean itf) {
                        if (owner.equals("dev/gokata/runtime/Cond") && m.equals("broadcast")) {
                            calls.add("broadcast");
                        } else if (owner.startsWith("java/util/") && owner.endsWith("Map")
                                && (m.equals("put") || m.equals("putIfAbsent") || m.equals("putAll"))) {
                            calls.add("put");
                        }
                    }
                };
            });
        }
        callsByMethod.forEach((method, calls) -> {
            int broadcast = calls.indexOf("broadcast");
            boolean writesAfter = broadcast >= 0 && calls.subList(broadcast, calls.size()).contains("put");
            assertFalse(writesAfter, "the writer (" + method.substring(0, method.indexOf('(')) + ") writes the map"
                    + " after its broadcast: a waiter whose key is not written yet wakes, finds it missing and goes"
                    + " back to sleep, and nothing wakes it again when its key comes. Write both keys first, then"
                    + " call c.broadcast() once");
        });
    }
}

package timeout;

import static dev.gokata.runtime.Go.go;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Goroutine;
import dev.gokata.runtime.WaitReason;
import dev.gokata.testkit.Bytecode;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Sandbox;
import dev.gokata.testkit.Stdout;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Hidden tests of the kata "Select: a timeout". Course seconds become milliseconds: a 50 ms timeout against a
 * 600 ms sender (the timeout must win, well before the sender), and a 30 ms sender against a 1000 ms timeout (the
 * message must win, as soon as it is sent). The ratios leave room for a loaded machine under the race detector.
 * After a timeout the late sender must still finish: its goroutine is looked for {@code GRACE} after it should have
 * sent. That the wait is a select, not a receive or sleep chosen from the durations nor a busy-wait, is read from
 * the receiving goroutine's wait reason.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/timeout/), and the untouched starter (which both
 * blocks and leaks):
 * <ul>
 *   <li>{@code blocking-receive}: a plain {@code recv}; returns "one" after 600 ms instead of "timeout".</li>
 *   <li>{@code unbuffered-leaks-sender}: select with a timeout on an unbuffered channel; after the timeout nobody
 *       receives, and the sender stays blocked in {@code [chan send]} forever: a leaked goroutine.</li>
 *   <li>{@code sleep-then-poll}: sleeps the whole timeout, then polls; an early message waits 1000 ms.</li>
 *   <li>{@code decide-from-durations}: no select; compares the durations, then sleeps the timeout or receives. Its
 *       results and times are right, but it waits in {@code [chan receive]}: the waits-in-a-select test fails.</li>
 *   <li>{@code busy-poll-default}: loops over a select with an empty default case until the deadline; it never
 *       parks, so it is never seen waiting in {@code [select]}.</li>
 *   <li>{@code timer-poll}: loops over a select with a 1 ms {@code after} case until the message came or the
 *       deadline passed. It parks in {@code [select]} with a deadline, as the one select with the whole timeout
 *       does, but its wait number changes at every tick while the sender still sleeps;</li>
 *   <li>{@code non-blocking-send}: an unbuffered channel, and the sender sends without waiting (a select with a
 *       default case): it never blocks, but drops a message that is ready before receive waits in its select. The
 *       tests' senders always find receive waiting; the test that reads Timeout's bytecode finds the dropping
 *       send.</li>
 * </ul>
 */
@org.junit.jupiter.api.Timeout(20)
class TimeoutTest {
    private static final Duration LIMIT = Duration.ofSeconds(3);
    private static final Duration GRACE = Duration.ofMillis(1200);
    /** How long the test watches a parked receiver for wakes, well before the sender sends. */
    private static final Duration LOOK = Duration.ofMillis(100);

    private record Timed(String result, long millis) {
    }

    @Test
    void aLateMessageLosesToTheTimeout() {
        var timed = new ArrayList<Timed>();
        var run = Sandbox.runToExit(() -> timed.add(timed(600, 50)), LIMIT, "receive deadlocked");
        Timed t = timed.getFirst();
        assertEquals("timeout", t.result(), "the sender needs 600 ms and the timeout is 50 ms, but receive "
                + "returned '" + t.result() + "' after " + t.millis() + " ms: wait with a select that has a receive "
                + "case and an after(timeout) case");
        assertTrue(t.millis() >= 45, "receive returned 'timeout' after " + t.millis() + " ms, before the 50 ms "
                + "timeout");
        assertTrue(t.millis() < 450, "receive returned 'timeout' after " + t.millis() + " ms; the timeout was 50 ms");
        Sandbox.assertNoLeaks(run, GRACE, "after the timeout, the late sender is still blocked: nobody will ever "
                + "receive its message from an unbuffered channel. Give the channel a buffer of 1 (Chan.make(1)), "
                + "so that the late send completes and the goroutine ends");
    }

    @Test
    void aMessageInTimeWinsAtOnce() {
        var timed = new ArrayList<Timed>();
        Sandbox.runToExit(() -> timed.add(timed(30, 1000)), LIMIT, "receive deadlocked");
        Timed t = timed.getFirst();
        assertEquals("one", t.result(), "the sender needs 30 ms and the timeout is 1000 ms");
        assertTrue(t.millis() < 700, "the message was sent after 30 ms, but receive returned it after " + t.millis()
                + " ms: a select returns as soon as one case is ready, it does not wait for the timeout");
    }

    @Test
    void mainPrintsTimeout() {
        List<String> lines = Stdout.capture(() -> Sandbox.runToExit(() -> Timeout.main(new String[0]), LIMIT,
                "main deadlocked"));
        assertEquals(List.of("timeout"), lines, "main: a 2 s sender against a 1 s timeout");
    }

    /**
     * While the message has not come yet, receive must be parked in a select with a receive case and a timer case.
     * receive runs in a goroutine of its own, and the test reads that goroutine's wait reason until it parks or
     * returns: no clock decides the verdict. A plain receive parks in {@code [chan receive]}, a sleep in
     * {@code [sleep]}; a select with a default case, run in a loop, never parks (a busy-wait has no wait reason).
     */
    @Test
    void receiveWaitsInASelectWithATimer() {
        Sandbox.runToExit(() -> {
            Chan<String> result = Chan.make(1);
            Goroutine receiver = go(() -> result.send(Timeout.receive(Duration.ofMillis(300),
                    Duration.ofMillis(1000))));
            Goroutines.pollUntil(() -> receiver.waitReason().isPresent() || receiver.finished(),
                    Duration.ofSeconds(2));
            WaitReason waiting = receiver.waitReason().orElse(null);
            if (waiting != WaitReason.SELECT) {
                fail("before the message came (after 300 ms; the timeout was 1000 ms), receive should wait in a "
                        + "select on the channel and a timer ([select]); " + notASelect(waiting));
            }
            var wakes = Goroutines.wakesWhileQuiet(receiver, LOOK, () -> senderAsleep(receiver));
            if (wakes.isPresent()) {
                fail("before the message came (after 300 ms; the timeout was 1000 ms), receive woke and waited "
                        + "again " + wakes.getAsInt() + " times in " + LOOK.toMillis() + " ms: it polls, running a "
                        + "select with a short timer in a loop until the deadline. Give the one select the whole "
                        + "timeout (after(timeout)): it parks until the message or the timeout comes, whichever is "
                        + "first");
            }
            assertEquals("one", result.recv(), "the sender needs 300 ms and the timeout is 1000 ms");
        }, LIMIT, "receive deadlocked");
    }

    /** Whether the sender that {@code receiver} started is still sleeping: it has not sent, nor can it wake it. */
    private static boolean senderAsleep(Goroutine receiver) {
        var senders = receiver.program().goroutines().stream().filter(g -> g.parentId() == receiver.id()).toList();
        return senders.size() == 1 && senders.getFirst().waitReason().equals(Optional.of(WaitReason.SLEEP));
    }

    /**
     * The sender never drops the message: one that is ready before receive waits in its select (its goroutine may be
     * slow to get there) must still reach it. A buffer of 1 keeps it; a send without waiting (a select with a default
     * case) on an unbuffered channel drops it. No run of these tests shows that (receive always waits in its select
     * by the time their senders send), so this reads Timeout's bytecode: when every channel it makes is unbuffered,
     * none of its methods may select with both a send case and a default case.
     */
    @Test
    void theSenderNeverDropsItsMessage() throws IOException {
        var node = Bytecode.classNode(Timeout.class);
        boolean buffered = false;
        boolean dropping = false;
        for (MethodNode m : node.methods) {
            boolean sends = false;
            boolean orDefault = false;
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof MethodInsnNode call && call.owner.equals("dev/gokata/runtime/Select")) {
                    sends |= call.name.equals("send");
                    orDefault |= call.name.equals("orDefault");
                }
                if (insn instanceof MethodInsnNode call && call.owner.equals("dev/gokata/runtime/Chan")
                        && call.name.equals("make") && call.desc.startsWith("(I)")) {
                    buffered |= previous(call).getOpcode() != Opcodes.ICONST_0;
                }
            }
            dropping |= sends && orDefault;
        }
        assertFalse(dropping && !buffered, "the sender sends without waiting (a select with a default case) on an "
                + "unbuffered channel: when its message is ready before receive waits in its select (receive's "
                + "goroutine may be slow to get there), nobody receives at that moment, and the message is dropped "
                + "although the timeout has not passed. Give the channel a buffer of 1 (Chan.make(1)) and send with "
                + "a plain ch.send(...): the message then waits in the buffer, and the sender always finishes");
    }

    /** The instruction before {@code insn}, labels and frames left out. */
    private static AbstractInsnNode previous(AbstractInsnNode insn) {
        AbstractInsnNode p = insn.getPrevious();
        while (p != null && p.getOpcode() < 0) {
            p = p.getPrevious();
        }
        return p == null ? insn : p;
    }

    /** What waiting in {@code reason} (null: never parked) instead of {@code [select]} means, and what to do. */
    private static String notASelect(WaitReason reason) {
        if (reason == null) {
            return "it never parked: it kept polling the channel (a loop of selects with a "
                    + "default case is a busy-wait that burns a core). Replace the default case with an "
                    + "after(timeout) case: the select then parks until the message or the timeout comes";
        }
        String instead = reason == WaitReason.CHAN_RECEIVE || reason == WaitReason.SLEEP ? ", a plain "
                + (reason == WaitReason.SLEEP ? "sleep" : "receive") + ". Choosing a receive or a sleep from the "
                + "two durations works only when the sender's delay is known in advance, which a real sender's never "
                + "is" : "";
        return "it waited in [" + reason.text() + "]" + instead + ". Put a receive case and an after(timeout) case "
                + "in one select: whichever is ready first wins";
    }

    private static Timed timed(long senderDelay, long timeout) {
        long start = System.nanoTime();
        String result = Timeout.receive(Duration.ofMillis(senderDelay), Duration.ofMillis(timeout));
        return new Timed(result, (System.nanoTime() - start) / 1_000_000);
    }
}

package dev.gokata.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Goroutines alike are shown once, with the others' ids; the rest stay as they were, in order. */
class GroupedDumpTest {
    private static String blockedSender(int id) {
        return "goroutine " + id + " [chan send]:\ntimerrace.TimerRace.run.func1(...)\n\tTimerRace.java:32\n"
                + "created by timerrace.TimerRace.run in goroutine 1\n\tTimerRace.java:30\n";
    }

    @Test
    void givenGoroutinesAlike_whenGrouped_thenTheFirstIsShownAndTheOthersNamed() {
        String waiter = "goroutine 7 [sync.WaitGroup.Wait]:\nmerge.func2(...)\n\tMerge.java:58\n";
        var tracebacks = List.of(blockedSender(6), waiter, blockedSender(12), blockedSender(17));

        assertEquals(blockedSender(6) + "(and 2 more goroutines in the same state with the same stack: 12, 17)\n\n"
                + waiter, GroupedDump.of(tracebacks));
    }

    @Test
    void givenManyAlike_whenGrouped_thenTenIdsAreListed() {
        var tracebacks = IntStream.rangeClosed(1, 20).mapToObj(GroupedDumpTest::blockedSender).toList();

        assertEquals(blockedSender(1) + "(and 19 more goroutines in the same state with the same stack: 2, 3, 4, 5, 6,"
                + " 7, 8, 9, 10, 11, ...)\n", GroupedDump.of(tracebacks));
    }

    @Test
    void givenTheSameStackInAnotherState_whenGrouped_thenBothAreShown() {
        String running = blockedSender(9).replace("[chan send]", "[running]");

        assertEquals(blockedSender(8) + "\n" + running, GroupedDump.of(List.of(blockedSender(8), running)));
    }

    @Test
    void givenADeadlockReport_whenGrouped_thenItsGoroutinesAreGroupedAndTheRestKept() {
        String report = "fatal error: all goroutines are asleep - deadlock!\n\n" + blockedSender(1) + "\n"
                + blockedSender(2) + "\n" + blockedSender(3);

        assertEquals("fatal error: all goroutines are asleep - deadlock!\n\n" + blockedSender(1)
                + "(and 2 more goroutines in the same state with the same stack: 2, 3)\n",
                GroupedDump.ofReport(report));
        String alone = "panic: test timed out after 2s\n\n" + blockedSender(1) + "\nevery goroutine is blocked\n";
        assertEquals(alone, GroupedDump.ofReport(alone), "nothing to group: the report as it was");
    }
}

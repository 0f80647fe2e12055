package dev.gokata.runtime.race;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report text, byte for byte in Go's format. */
class RaceReportTest {

    @Test
    void givenJoinRace_whenRendered_thenGoFormat() {
        var report = new RaceReport("waitgroup.Join.data", "0x00c00001a0a8",
                new RaceReport.Access(true, 7, List.of(new RaceReport.Frame("waitgroup.Join.main.func1", "Join.java", 15))),
                new RaceReport.Access(false, 1, List.of(new RaceReport.Frame("waitgroup.Join.main", "Join.java", 18))),
                List.of(new RaceReport.Creation(7, false, List.of(new RaceReport.Frame("waitgroup.Join.main", "Join.java", 14)))));
        assertEquals("""
                ==================
                WARNING: DATA RACE
                Write at 0x00c00001a0a8 (waitgroup.Join.data) by goroutine 7:
                  waitgroup.Join.main.func1()
                      Join.java:15 +0x0

                Previous read at 0x00c00001a0a8 (waitgroup.Join.data) by main goroutine:
                  waitgroup.Join.main()
                      Join.java:18 +0x0

                Goroutine 7 (running) created at:
                  waitgroup.Join.main()
                      Join.java:14 +0x0
                ==================
                """, report.text());
        assertEquals(List.of("Join.java:15", "Join.java:18"), report.lines());
    }
}

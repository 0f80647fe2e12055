package dev.gokata.runtime.race;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report text, byte for byte in Go's format. */
class RaceReportTest {

    @Test
    void givenJoinRace_whenRendered_thenGoFormat() {
        var report = new RaceReport("waitgroup.Join.data", "0x00c00001a0a8",
                new RaceReport.Access(true, 7,
                        List.of(new RaceReport.Frame("waitgroup.Join.main.func1", "Join.java", 15))),
                new RaceReport.Access(false, 1, List.of(new RaceReport.Frame("waitgroup.Join.main", "Join.java", 18))),
                List.of(new RaceReport.Creation(7, false,
                        List.of(new RaceReport.Frame("waitgroup.Join.main", "Join.java", 14)))));
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

    @Test
    void givenPreviousAccessInAHelper_whenRendered_thenItsWholeStackAndLinesStillTheTwoAccesses() {
        var report = new RaceReport("java.util.HashMap", "0x00c00001a0a8",
                new RaceReport.Access(false, 1, List.of(frame("missing", 30), frame("main", 41))),
                new RaceReport.Access(true, 2,
                        List.of(frame("visit", 22), frame("crawl", 26), frame("main.func1", 38))),
                List.of(new RaceReport.Creation(2, true, List.of(frame("main", 38)))));
        assertEquals("""
                ==================
                WARNING: DATA RACE
                Read at 0x00c00001a0a8 (java.util.HashMap) by main goroutine:
                  crawler.Crawler.missing()
                      Crawler.java:30 +0x0
                  crawler.Crawler.main()
                      Crawler.java:41 +0x0

                Previous write at 0x00c00001a0a8 (java.util.HashMap) by goroutine 2:
                  crawler.Crawler.visit()
                      Crawler.java:22 +0x0
                  crawler.Crawler.crawl()
                      Crawler.java:26 +0x0
                  crawler.Crawler.main.func1()
                      Crawler.java:38 +0x0

                Goroutine 2 (finished) created at:
                  crawler.Crawler.main()
                      Crawler.java:38 +0x0
                ==================
                """, report.text());
        assertEquals(List.of("Crawler.java:30", "Crawler.java:22"), report.lines());
    }

    private static RaceReport.Frame frame(String method, int line) {
        return new RaceReport.Frame("crawler.Crawler." + method, "Crawler.java", line);
    }
}

package crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gokata.runtime.Goroutine;
import dev.gokata.testkit.Concurrency;
import dev.gokata.testkit.Goroutines;
import dev.gokata.testkit.Lines;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hidden tests of the crawler kata (catalog §9.2): exactly-once, parallel, returns only when all work is done,
 * the tour's depth semantics, errors that do not stop the crawl.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/crawler/):
 * <ul>
 *   <li>the untouched starter: sequential and fetches pages again (13 calls at depth 4, endless in a cyclic
 *       graph until the fetcher's budget runs out): fails exactly-once and parallel;</li>
 *   <li>{@code sequential-dedup}: remembers fetched URLs but fetches one page at a time: fails parallel;</li>
 *   <li>{@code parallel-no-dedup}: a goroutine per link, joined with a WaitGroup, no memory of fetched URLs:
 *       fails exactly-once;</li>
 *   <li>{@code fire-and-forget}: a goroutine per link, nobody waits for them: crawl returns while fetches are
 *       still running or not yet begun (every test fails on termination, naming it);</li>
 *   <li>{@code static-visited-set}: the Go Tour's answer with the set of fetched URLs in a static field: a later
 *       crawl of the same root fetches nothing (every crawl checks that, and names the static state);</li>
 *   <li>{@code unlocked-map}: a goroutine per link sharing a plain HashSet without a lock: the race detector
 *       reports the data race (and pages are sometimes fetched twice);</li>
 *   <li>{@code check-then-act}: a concurrent set, asked {@code contains} and then told {@code add}: no data race,
 *       but not one step. Its window is nanoseconds wide; the race detector's runtime widens it (a goroutine yields
 *       after a query of a thread-safe collection), so the random graphs, whose pages share links, fetch a page
 *       twice in every grade (without the yield, the strongest test tried caught it in 41 of 50 grades);</li>
 *   <li>{@code sleep-instead-of-wait}: a goroutine per link, and crawl sleeps 500 ms instead of waiting for them: a
 *       fetch held until crawl's goroutine waits in the runtime still runs when crawl returns (a longer sleep
 *       returns long after the last fetch ended, which that test checks too);</li>
 *   <li>{@code spin-wait} and {@code sleep-poll}: a goroutine per link, counted in an AtomicInteger that crawl
 *       spins on (or sleeps 1 ms at a time on) until it is zero: crawl returns in time, but the held fetch finds
 *       crawl's goroutine never waiting in the runtime;</li>
 *   <li>{@code only-root-children-parallel}: a goroutine for each of the root's links, each crawling its subtree
 *       sequentially: the four children of a page three links below the root are fetched one at a time;</li>
 *   <li>{@code printer-not-awaited}: the fetches send their lines to a printer goroutine, and crawl waits for the
 *       fetches and closes the printer's channel but does not wait for the printer: the last line is sometimes
 *       printed after crawl returned, and always once another goroutine's lines are held until crawl returns.</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CrawlerTest {
    private static final String ROOT = "https://golang.org/";
    private static final String CMD = "https://golang.org/cmd/";
    private static final Duration SETTLE = Duration.ofSeconds(1);
    /** How long a line printed by another goroutine than crawl's is held, unless crawl returns first. */
    private static final Duration HOLD = Duration.ofMillis(300);

    private static Set<String> found(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("found: ")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> errors(List<String> lines) {
        return lines.stream().filter(l -> !l.startsWith("found: ")).sorted().toList();
    }

    /** Crawls with a counting fetcher: {@link #runCrawl(String, int, Fetcher, Concurrency)} on its fetches. */
    private static List<String> runCrawl(String url, int depth, CountingFetcher fetcher) {
        return runCrawl(url, depth, fetcher, fetcher.inFlight);
    }

    /**
     * Runs crawl and returns the lines it printed; fails, naming the cause, if it returned before its fetches were
     * done (one still running, or one that began after it returned: this waits for the goroutines crawl left behind)
     * or if it fetched nothing at depth 1 or more. The lines include any printed after crawl returned, by a goroutine
     * it left behind: whether one is, depends on the schedule, and
     * {@link #givenLinesPrintedByAnotherGoroutine_whenCrawlReturns_thenEveryLineHasBeenPrinted} checks that for sure.
     */
    private static List<String> runCrawl(String url, int depth, Fetcher fetcher, Concurrency fetches) {
        var out = new Lines();
        var baseline = Goroutines.baseline();
        Crawler.crawl(url, depth, fetcher, out.out());
        int running = fetches.inside();
        int begun = fetches.entries();
        baseline.settle(SETTLE);
        int later = fetches.entries() - begun;
        if (running > 0 || later > 0) {
            var early = new ArrayList<String>();
            if (running > 0) {
                early.add(count(running, "fetch was", "fetches were") + " still running");
            }
            if (later > 0) {
                early.add(count(later, "fetch", "fetches") + " began only after it had returned");
            }
            fail("crawl returned before its work was done: " + String.join(" and ", early) + ". crawl must wait "
                    + "until every goroutine it started has finished (count them, or join them with a WaitGroup)");
        }
        if (depth >= 1 && begun == 0) {
            failFetchedNothing(url, depth);
        }
        return out.lines();
    }

    /** Fails a crawl that fetched nothing, telling a memory kept from an earlier crawl from a wrong depth rule. */
    private static void failFetchedNothing(String url, int depth) {
        String fresh = "fresh/" + UUID.randomUUID();
        var fetcher = new CountingFetcher(new FakeFetcher(Map.of(fresh, new Page("fresh", List.of()))),
                Duration.ZERO, Duration.ZERO, 10);
        Crawler.crawl(fresh, 1, fetcher, new Lines().out());
        String what = "crawl(\"" + url + "\", " + depth + ") fetched nothing, not even " + url;
        if (fetcher.total() == 0) {
            fail(what + ", and neither did a crawl of a URL never crawled before: at depth 1 or more crawl must "
                    + "fetch url itself (depth 1 fetches only url)");
        }
        fail(what + ", while a crawl of a URL never crawled before fetched it: the URLs fetched by an earlier crawl "
                + "(an earlier test) were still marked as fetched. Is your set of fetched URLs a static field? "
                + "Create it in each call of crawl, so that every crawl starts with nothing fetched");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static void assertFetchedOnce(CountingFetcher f) {
        f.calls().forEach((url, n) -> assertEquals(1, n, () ->
                url + " was fetched " + n + " times: remember which URLs you have fetched (or scheduled), and "
                        + "guard that memory so that only one goroutine at a time uses it (a thread-safe set does not"
                        + " make contains then add one step: let add tell you, if (!seen.add(url)) return;)"));
    }

    @ParameterizedTest(name = "depth {0}", quoteTextArguments = false)
    @CsvSource({"1, 1", "2, 3", "3, 5", "4, 5"})
    void givenTheTourPages_whenCrawled_thenEveryPageIsFetchedOnceAndReported(int depth, int fetches) {
        var fetcher = new CountingFetcher(FakeFetcher.golang(), Duration.ofMillis(5), Duration.ZERO, 100);

        List<String> lines = runCrawl(ROOT, depth, fetcher);

        assertFetchedOnce(fetcher);
        assertEquals(fetches, fetcher.total(), "fetch calls at depth " + depth);
        var expectedFound = new TreeSet<String>();
        expectedFound.add("found: https://golang.org/ \"The Go Programming Language\"");
        if (depth >= 2) {
            expectedFound.add("found: https://golang.org/pkg/ \"Packages\"");
        }
        if (depth >= 3) {
            expectedFound.add("found: https://golang.org/pkg/fmt/ \"Package fmt\"");
            expectedFound.add("found: https://golang.org/pkg/os/ \"Package os\"");
        }
        assertEquals(expectedFound, found(lines), "the pages printed as found at depth " + depth);
        assertEquals(depth >= 2 ? List.of("not found: " + CMD) : List.of(), errors(lines),
                "the errors printed at depth " + depth + " (each failed page once, with the fetcher's message)");
    }

    @Test
    void givenARootWithFourChildren_whenCrawled_thenTheChildrenAreFetchedAtTheSameTime() {
        var children = List.of("c/1", "c/2", "c/3", "c/4");
        var pages = new HashMap<String, Page>();
        pages.put("root", new Page("root", children));
        children.forEach(c -> pages.put(c, new Page(c, List.of())));
        var probe = new Concurrency();
        Fetcher meetingFetcher = url -> probe.section(() -> {
            if (!url.equals("root")) {
                probe.awaitOverlap(2, Duration.ofMillis(300)); // a second child lets the first one go at once
            }
            return pages.get(url);
        });

        runCrawl("root", 2, meetingFetcher, probe);

        assertTrue(probe.peak() >= 2, "at most " + probe.peak() + " fetch ran at a time: start a goroutine "
                + "for each link so that the four children of the root are fetched in parallel");
        assertEquals(5, probe.entries(), "fetch calls for a root with four children at depth 2");
    }

    /**
     * The four children of a page three levels down are fetched at the same time too: a goroutine for every link at
     * every depth, not only for the root's links.
     */
    @Test
    void givenAFanOutBelowTheRoot_whenCrawled_thenThoseChildrenAreFetchedAtTheSameTime() {
        var children = List.of("c/1", "c/2", "c/3", "c/4");
        var pages = new HashMap<String, Page>();
        pages.put("root", new Page("root", List.of("m/1")));
        pages.put("m/1", new Page("m/1", List.of("m/2")));
        pages.put("m/2", new Page("m/2", children));
        children.forEach(c -> pages.put(c, new Page(c, List.of())));
        var probe = new Concurrency();
        var childProbe = new Concurrency();
        Fetcher meetingFetcher = url -> probe.section(() -> {
            if (url.startsWith("c/")) {
                childProbe.enter();
                try {
                    childProbe.awaitOverlap(2, Duration.ofMillis(300)); // a second child lets the first one go
                } finally {
                    childProbe.exit();
                }
            }
            return pages.get(url);
        });

        runCrawl("root", 4, meetingFetcher, probe);

        assertEquals(7, probe.entries(), "fetch calls for root -> m/1 -> m/2 -> four children at depth 4");
        assertTrue(childProbe.peak() >= 2, "the four children of m/2 (three links below the root) were fetched "
                + "one at a time: start a goroutine for every link at every depth, not only for the root's links, so "
                + "that the pages found deeper down are fetched in parallel too");
    }

    /**
     * A fetch held until crawl's own goroutine waits in the runtime (for a WaitGroup or a channel): crawl must not
     * return while that fetch runs, must wait for it in the runtime (not poll), and must return soon after the last
     * fetch ends, not after a sleep.
     */
    @Test
    void givenAFetchThatEndsOnlyOnceCrawlWaits_whenCrawled_thenCrawlReturnsAsSoonAsItEnds() {
        var pages = Map.of(
                "root", new Page("R", List.of("a", "held")),
                "a", new Page("A", List.of()),
                "held", new Page("H", List.of()));
        Goroutine caller = Goroutine.current();
        var lastEnded = new AtomicLong();
        var callerWaited = new AtomicBoolean(true);
        var probe = new Concurrency();
        Fetcher fetcher = url -> probe.section(() -> {
            try {
                if (url.equals("held") && Goroutine.current() != caller) {
                    callerWaited.set(awaitWaiting(caller, SETTLE));
                }
                return pages.get(url);
            } finally {
                lastEnded.accumulateAndGet(System.nanoTime(), Math::max);
            }
        });

        List<String> lines = runCrawl("root", 2, fetcher, probe); // fails if the held fetch still ran
        long lateMillis = (System.nanoTime() - lastEnded.get()) / 1_000_000;
        assertTrue(callerWaited.get(), "while a fetch was still running, crawl's goroutine did not wait for it in"
                + " the runtime within " + SETTLE.toMillis() + " ms: it polled (a loop of sleeps, or a spin on a"
                + " counter). Block until the work is done: receive the goroutines' results on a channel, or"
                + " wg.await() on a WaitGroup they mark done");

        assertEquals(Set.of("found: root \"R\"", "found: a \"A\"", "found: held \"H\""), found(lines),
                "the pages printed as found");
        assertTrue(lateMillis < 250, "crawl returned " + lateMillis + " ms after the last fetch had ended: it "
                + "waited with a sleep. Wait for the goroutines themselves (count their results on a channel, or "
                + "join them with a WaitGroup): that returns as soon as the last one is done, however long it took");
    }

    /**
     * Every line is printed before crawl returns, whoever prints it: a line ended by another goroutine than crawl's
     * own (a printer goroutine, or the fetches themselves) is held until crawl returns, or for {@link #HOLD}. A crawl
     * that waits for whoever prints cannot return meanwhile; one that waits only for the fetches returns while the
     * printer still holds the last line, and that line ends after crawl returned.
     */
    @Test
    void givenLinesPrintedByAnotherGoroutine_whenCrawlReturns_thenEveryLineHasBeenPrinted() {
        var pages = new FakeFetcher(Map.of(
                "root", new Page("R", List.of("a")),
                "a", new Page("A", List.of())));
        var out = new HeldLines(Goroutine.current(), HOLD);
        var baseline = Goroutines.baseline();

        Crawler.crawl("root", 2, pages, out.out());
        out.crawlReturned();
        baseline.assertAllEnded(SETTLE, "crawl returned");

        assertTrue(out.late() == 0, "crawl returned while the goroutine that prints was still printing: "
                + count(out.late(), "line was", "lines were") + " printed after crawl had returned. crawl must "
                + "return only when every page has been printed: if a printer goroutine prints what the fetches "
                + "send it, close its channel once the fetches are done and then wait for the printer too (a done "
                + "channel it closes, or a WaitGroup), or print in crawl's own goroutine");
        assertEquals(Set.of("found: root \"R\"", "found: a \"A\""), found(out.lines()),
                "the pages printed as found");
    }

    /**
     * Sleeps a millisecond at a time until {@code g} waits in one of the runtime's primitives that only another
     * goroutine can end (a channel, a WaitGroup, a mutex), or until {@code limit} has passed; whether it did.
     */
    private static boolean awaitWaiting(Goroutine g, Duration limit) {
        return Goroutines.pollUntil(() -> Goroutines.blockedIn(g).isPresent(), limit);
    }

    @Test
    void givenSlowPages_whenCrawlReturns_thenEveryFetchHasFinishedAndBeenReported() {
        var fetcher = new CountingFetcher(FakeFetcher.golang(), Duration.ofMillis(40), Duration.ofMillis(20), 100);

        List<String> lines = runCrawl(ROOT, 4, fetcher); // fails if a fetch was running or began after it returned

        assertEquals(5, lines.size(), "lines printed: " + lines + "; expected the 5 of depth 4, each page once");
    }

    @Test
    void givenAChain_whenCrawledToDepth2_thenOnlyTheFirstTwoPagesAreFetched() {
        var chain = new FakeFetcher(Map.of(
                "a", new Page("A", List.of("b")),
                "b", new Page("B", List.of("c")),
                "c", new Page("C", List.of("d")),
                "d", new Page("D", List.of())));
        var fetcher = new CountingFetcher(chain, Duration.ZERO, Duration.ZERO, 100);

        List<String> lines = runCrawl("a", 2, fetcher);

        assertEquals(Map.of("a", 1, "b", 1), fetcher.calls(),
                "pages fetched in the chain a→b→c→d at depth 2 (depth 1 fetches only the root)");
        assertEquals(Set.of("found: a \"A\"", "found: b \"B\""), found(lines));
        runCrawl("a", 0, fetcher);
        assertEquals(2, fetcher.total(), "crawl at depth 0 must fetch nothing");
    }

    @Test
    void givenAMissingPage_whenCrawled_thenItIsReportedOnceAndTheCrawlGoesOn() {
        var pages = new FakeFetcher(Map.of(
                "root", new Page("R", List.of("missing", "x", "missing")),
                "x", new Page("X", List.of("y", "missing")),
                "y", new Page("Y", List.of())));
        var fetcher = new CountingFetcher(pages, Duration.ofMillis(2), Duration.ZERO, 100);

        List<String> lines = runCrawl("root", 3, fetcher);

        assertEquals(Set.of("found: root \"R\"", "found: x \"X\"", "found: y \"Y\""), found(lines),
                "a page that fails must not stop the crawl of the others");
        assertEquals(List.of("not found: missing"), errors(lines),
                "a missing page is printed once, with the fetcher's error message");
        assertFetchedOnce(fetcher);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void givenARandomGraphOfHundredsOfPages_whenCrawled_thenEveryReachablePageIsFetchedExactlyOnce(long seed) {
        var random = new Random(seed);
        int n = 300;
        var pages = new HashMap<String, Page>();
        for (int i = 0; i < n; i++) {
            var links = new ArrayList<String>();
            int degree = i == 0 ? 4 : random.nextInt(5);
            for (int k = 0; k < degree; k++) {
                links.add(random.nextInt(12) == 0 ? "p/missing-" + random.nextInt(20) : "p/" + random.nextInt(n));
            }
            pages.put("p/" + i, new Page("page " + i, links));
        }
        var fetcher = new CountingFetcher(new FakeFetcher(pages), Duration.ZERO, Duration.ofMillis(2), 2 * n);

        List<String> lines = runCrawl("p/0", n + 10, fetcher);

        assertFetchedOnce(fetcher);
        Set<String> reachable = reachable(pages, "p/0");
        assertEquals(reachable, fetcher.calls().keySet(), "the pages fetched (every page reachable from p/0)");
        long missing = reachable.stream().filter(u -> !pages.containsKey(u)).count();
        assertEquals(reachable.size() - missing, found(lines).size(), "pages printed as found");
        assertEquals(missing, errors(lines).size(), "errors printed: " + errors(lines));
    }

    private static Set<String> reachable(Map<String, Page> pages, String root) {
        var seen = new TreeSet<String>(Set.of(root));
        var queue = new ArrayDeque<String>(List.of(root));
        while (!queue.isEmpty()) {
            Page p = pages.get(queue.poll());
            if (p != null) {
                p.urls().stream().filter(seen::add).forEach(queue::add);
            }
        }
        return seen;
    }
}

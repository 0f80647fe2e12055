package crawler;

import dev.gokata.testkit.Concurrency;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fetcher for the hidden tests: wraps another, counts the calls per URL and the fetches in flight, adds a
 * latency (with jitter), and refuses to work once a budget of calls is spent, so that a crawler that refetches
 * pages in a cyclic graph fails fast instead of running for ever.
 */
final class CountingFetcher implements Fetcher {
    private final Fetcher inner;
    private final Duration latency;
    private final Duration jitter;
    private final int budget;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    final Concurrency inFlight = new Concurrency();

    CountingFetcher(Fetcher inner, Duration latency, Duration jitter, int budget) {
        this.inner = inner;
        this.latency = latency;
        this.jitter = jitter;
        this.budget = budget;
    }

    @Override
    public Page fetch(String url) throws FetchError {
        calls.computeIfAbsent(url, k -> new AtomicInteger()).incrementAndGet();
        if (total.incrementAndGet() > budget) {
            throw new FetchError("budget exceeded: " + url);
        }
        inFlight.enter();
        try {
            long nanos = latency.toNanos();
            if (!jitter.isZero()) {
                nanos += ThreadLocalRandom.current().nextLong(jitter.toNanos() + 1);
            }
            if (nanos > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(nanos));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return inner.fetch(url);
        } finally {
            inFlight.exit();
        }
    }

    /** How many times each URL was fetched. */
    Map<String, Integer> calls() {
        var copy = new java.util.TreeMap<String, Integer>();
        calls.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    int total() {
        return total.get();
    }
}

package once;

import static dev.gokata.runtime.Go.*;

import dev.gokata.runtime.WaitGroup;
import java.time.Duration;
import java.util.Map;

/** A configuration that many goroutines need, loaded exactly once, the first time any of them asks. */
public class Loader {
    private final Duration loadTime;
    private Map<String, String> config; // written once by load; read after ensureLoaded returns

    /** A loader whose load takes {@code loadTime}. */
    public Loader(Duration loadTime) {
        this.loadTime = loadTime;
    }

    /** The expensive initialisation: must run once, however many goroutines need it. */
    protected void load() {
        System.out.println("Run only once initialization function");
        sleep(loadTime);
        config = Map.of("greeting", "hello");
    }

    /** Runs load if no call has run it yet; returns only once it has completed. */
    public void ensureLoaded() {
        // TODO: modify so that load gets called only once, and every caller returns only after it has completed.
        load();
    }

    /** A value of the loaded configuration. */
    public String get(String key) {
        ensureLoaded();
        return config.get(key);
    }

    /** Starts {@code callers} goroutines that each need the configuration, and waits for them. */
    public void run(int callers) {
        var wg = new WaitGroup();
        for (int i = 0; i < callers; i++) {
            wg.add(1);
            go(() -> {
                try {
                    get("greeting");
                } finally {
                    wg.done();
                }
            });
        }
        wg.await();
    }

    public static void main(String[] args) {
        new Loader(Duration.ofMillis(100)).run(10);
    }
}

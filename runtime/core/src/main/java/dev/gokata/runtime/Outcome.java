package dev.gokata.runtime;

import java.time.Duration;

/** How a {@link Program} ended: the verdicts Go's runtime itself gives a program. */
public sealed interface Outcome {

    /** The exit status Go gives this outcome: 0 for a normal exit, 2 for a panic, fatal error or deadlock. */
    int exitStatus();

    /** The report Go prints on standard error for this outcome; empty for a normal exit. */
    String report();

    /** The main goroutine returned. Other goroutines may still be alive: see {@link Program#leaks(Duration)}. */
    record Exited() implements Outcome {
        public int exitStatus() {
            return 0;
        }

        public String report() {
            return "";
        }
    }

    /**
     * A goroutine panicked (or hit a fatal error); {@code report} starts with {@code panic: } or {@code fatal error: }.
     */
    record Panicked(Throwable cause, long goroutine, String report) implements Outcome {
        public int exitStatus() {
            return 2;
        }
    }

    /** Every goroutine was blocked in the runtime with no timer pending; {@code report} is Go's message and dump. */
    record Deadlocked(String report) implements Outcome {
        public int exitStatus() {
            return 2;
        }
    }

    /** The program ran past its time limit; {@code report} says so and dumps every goroutine. */
    record TimedOut(Duration limit, String report) implements Outcome {
        public int exitStatus() {
            return 2;
        }
    }
}

package dev.gokata.grader.sandbox;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The resource bounds of one sandboxed test JVM, beyond the heap and the wall clock the grader already sets: so a
 * thread bomb, a spinning program, a disk filler or an output flood ends with a verdict naming the limit it hit,
 * never with a machine that falls over.
 *
 * @param threads      the most threads (tasks) the sandbox may hold at once ({@code RLIMIT_NPROC})
 * @param cpuTime      the CPU time the test JVM may use, all threads together; empty: the kata's time limit
 * @param scratchBytes the size of the scratch folder ({@code /tmp}, also the working folder and HOME)
 * @param fileBytes    the largest file the JVM may write ({@code RLIMIT_FSIZE}), the results file included
 */
public record SandboxPolicy(int threads, Optional<Duration> cpuTime, long scratchBytes, long fileBytes) {

    /** Exit statuses of a sandbox whose JVM a signal killed: 128 + SIGXCPU, 128 + SIGKILL, 128 + SIGXFSZ. */
    static final int SIGXCPU_STATUS = 128 + 24;
    static final int SIGKILL_STATUS = 128 + 9;
    static final int SIGXFSZ_STATUS = 128 + 25;

    public SandboxPolicy {
        if (threads < 32) {
            throw new IllegalArgumentException("a JVM needs at least 32 threads, the limit was " + threads);
        }
    }

    /** The defaults: 512 threads, CPU time of the kata's time limit, 64 MiB of scratch, files up to 64 MiB. */
    public static SandboxPolicy defaults() {
        return new SandboxPolicy(512, Optional.empty(), 64L << 20, 64L << 20);
    }

    /** The same policy with at most {@code n} threads. */
    public SandboxPolicy withThreads(int n) {
        return new SandboxPolicy(n, cpuTime, scratchBytes, fileBytes);
    }

    /** The same policy with {@code cpu} of CPU time per test JVM. */
    public SandboxPolicy withCpuTime(Duration cpu) {
        return new SandboxPolicy(threads, Optional.of(cpu), scratchBytes, fileBytes);
    }

    /** The same policy with a scratch folder of {@code bytes}. */
    public SandboxPolicy withScratch(long bytes) {
        return new SandboxPolicy(threads, cpuTime, bytes, fileBytes);
    }

    /** The CPU-time limit in whole seconds for a run whose wall-clock limit is {@code runLimit}. */
    long cpuSeconds(Duration runLimit) {
        return Math.max(1, cpuTime.orElse(runLimit).toSeconds());
    }

    /**
     * Why a sandboxed JVM that ended with {@code status} was stopped, if a limit of this policy stopped it: the
     * kernel sends SIGXCPU at the CPU-time limit (and SIGKILL a second later).
     */
    public Optional<String> limitHit(int status, Duration runLimit) {
        return switch (status) {
            case SIGXCPU_STATUS, SIGKILL_STATUS -> Optional.of(String.format(Locale.ROOT,
                    "the test JVM was stopped at the CPU-time limit of %ds: does a goroutine spin without end,"
                            + " or busy-wait instead of blocking on a channel?", cpuSeconds(runLimit)));
            case SIGXFSZ_STATUS -> Optional.of(fileLimit());
            default -> Optional.empty();
        };
    }

    /**
     * The note that names the limit behind a failure message the JVM wrote (no thread could be made, no space
     * left in the scratch folder, a file too large), in a test's message or in what a dead JVM printed, if any.
     */
    public Optional<String> explain(String message) {
        if (message == null) {
            return Optional.empty();
        }
        if (message.contains("unable to create native thread") || message.contains("unable to create new native thread")
                || message.contains("pthread_create failed (EAGAIN)")) {
            return Optional.of("the sandbox's thread limit is " + threads
                    + " threads: does the code start a platform thread per item, or threads without end?");
        }
        if (message.contains("No space left on device")) {
            return Optional.of("the sandbox's scratch folder holds at most " + mib(scratchBytes)
                    + ": does the code write without end?");
        }
        if (message.contains("File too large")) {
            return Optional.of(fileLimit());
        }
        return Optional.empty();
    }

    private String fileLimit() {
        return "the sandbox's file-size limit is " + mib(fileBytes) + ": does the code write or print without end?";
    }

    private static String mib(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}

package dev.gokata.grader.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where a test JVM runs student code: in a {@link Bubblewrap} sandbox (no network but loopback, its own PIDs, a
 * read-only view of only what it needs, one small writable scratch folder, bounded threads, CPU time and files),
 * or, where that is not available or turned off, as a plain child process ({@link NoSandbox}).
 */
public sealed interface Sandbox permits Bubblewrap, NoSandbox {

    /** The system property that chooses the sandbox: {@code auto} (the default), {@code required} or {@code off}. */
    String PROPERTY = "gokata.sandbox";

    /** How to choose. */
    enum Mode {
        /** The sandbox where available, else none (saying why). */
        AUTO,
        /** The sandbox, or refuse to grade. */
        REQUIRED,
        /** No sandbox. */
        OFF;

        /** The mode named by {@code -Dgokata.sandbox}, {@link #AUTO} if unset. */
        public static Mode fromProperty() {
            return Mode.valueOf(System.getProperty(PROPERTY, "auto").toUpperCase(Locale.ROOT));
        }
    }

    /**
     * What the wrapped command may see: {@code readOnly} files and folders (the JDK, the class path, the student's
     * classes, the hidden tests), {@code writable} files (the results file), each at its own path.
     */
    record View(List<Path> readOnly, List<Path> writable, Duration runLimit) {
        public View {
            readOnly = List.copyOf(readOnly);
            writable = List.copyOf(writable);
        }
    }

    /** The command line that runs {@code command} inside this sandbox; the command is started in {@code /tmp}. */
    List<String> wrap(List<String> command, View view);

    /** True when the command is isolated; false for {@link NoSandbox}. */
    boolean isolated();

    /** One line for people: what isolates the test JVM, or why nothing does. */
    String describe();

    /** The limits applied. */
    SandboxPolicy policy();

    /** The sandbox for {@code mode}: bubblewrap if requested and available. */
    static Sandbox choose(Mode mode, SandboxPolicy policy) {
        return switch (mode) {
            case OFF -> new NoSandbox(policy, "turned off (--no-sandbox)");
            case AUTO -> Bubblewrap.detect(policy);
            case REQUIRED -> {
                var sandbox = Bubblewrap.detect(policy);
                if (sandbox instanceof NoSandbox none) {
                    throw new SandboxUnavailableException(none.reason());
                }
                yield sandbox;
            }
        };
    }

    /** The sandbox chosen by {@code -Dgokata.sandbox} with the default limits. */
    static Sandbox fromProperty() {
        return choose(Mode.fromProperty(), SandboxPolicy.defaults());
    }
}

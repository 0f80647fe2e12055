package dev.gokata.runtime;

/**
 * The context class loader of a program's goroutines, so that a thread a goroutine starts by other means (a platform
 * thread, an executor's worker) joins the goroutine's program when it first uses the runtime.
 *
 * <p>Why a class loader. A new thread inherits its creator's context class loader, and reading it back is one field
 * read, so a loader that only delegates carries the program to the threads a goroutine starts. An inheritable
 * thread-local would carry it too, but would give every goroutine's thread a map of its own ({@link Goroutine}
 * finds its goroutine without one). Such a thread joins the program as a foreign member, which turns the
 * program's deadlock detection off while it lives ({@link Program}): it may wake a goroutine at any time. Until it
 * joins, its loader is how {@link OutsideThreads} tells it from other threads. A thread whose context
 * class loader neither is nor delegates to a program's (say, one that a goroutine set itself) belongs to no program.
 */
final class ProgramLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Program program;

    /** A loader for {@code program}'s goroutines that delegates all to {@code parent} (the system loader if null). */
    ProgramLoader(Program program, ClassLoader parent) {
        super("gokata-program", parent != null ? parent : ClassLoader.getSystemClassLoader());
        this.program = program;
    }

    /** The program whose loader {@code loader} is, or delegates to; {@link Program#DETACHED} if none. */
    static Program programOf(ClassLoader loader) {
        for (var l = loader; l != null; l = l.getParent()) {
            if (l instanceof ProgramLoader p) {
                return p.program;
            }
        }
        return Program.DETACHED;
    }
}

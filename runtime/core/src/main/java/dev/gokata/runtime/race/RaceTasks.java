package dev.gokata.runtime.race;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Wrappers for the tasks a student hands to an executor, a thread builder or a {@code CompletableFuture}: the
 * submission happens before the task starts, and the task's end happens before whatever acquires its future (or the
 * executor, for {@code close}, {@code awaitTermination}, {@code invokeAll}). The race agent wraps the functional
 * arguments of such calls with these methods.
 */
public final class RaceTasks {
    private static final int SITE_FRAMES = 12;
    private RaceTasks() {
    }

    /** What every wrapper does around the wrapped call. */
    abstract static class Task {
        final SyncClock start = new SyncClock();
        final SyncClock end = new SyncClock();
        private final Object source;

        /** Where the task was handed over: the "created at" of the thread it starts, if it starts one. */
        private final List<StackTraceElement> site;

        Task(Object source) {
            this.source = source;
            this.site = StackWalker.getInstance().walk(frames -> frames.limit(SITE_FRAMES)
                    .map(StackWalker.StackFrame::toStackTraceElement).toList());
            start.release(ThreadState.current());
        }

        /**
         * The submission happens before the task; a stage's completion happens before its dependent function. An
         * executor's clock is not acquired here: that would order each task after the ones that ended before it.
         */
        final void enter() {
            ThreadState.taskStarting(start, site);
            ThreadState t = ThreadState.current();
            start.acquire(t);
            if (source instanceof CompletionStage<?> || source instanceof Future<?>) {
                t.shadowOf(source).sync().acquire(t);
            }
        }

        /** The task's end happens before its future's get, and before its executor's close/awaitTermination. */
        final void exit() {
            ThreadState t = ThreadState.current();
            if (source instanceof CompletionStage<?> || source instanceof Future<?>) {
                t.shadowOf(source).sync().release(t);
            } else if (source instanceof Executor) {
                t.shadowOf(source).volatileField(Sites.TASKS_DONE).release(t);
            }
            end.release(t);
        }
    }

    public static Runnable runnable(Runnable r, Object source) {
        if (!Race.ENABLED || r == null) {
            return r;
        }
        final class Wrapped extends Task implements Runnable {
            Wrapped() {
                super(source);
            }

            @Override
            public void run() {
                enter();
                try {
                    r.run();
                } finally {
                    exit();
                }
            }
        }
        return new Wrapped();
    }

    public static <V> Callable<V> callable(Callable<V> c, Object source) {
        if (!Race.ENABLED || c == null) {
            return c;
        }
        final class Wrapped extends Task implements Callable<V> {
            Wrapped() {
                super(source);
            }

            @Override
            public V call() throws Exception {
                enter();
                try {
                    return c.call();
                } finally {
                    exit();
                }
            }
        }
        return new Wrapped();
    }

    public static <V> Supplier<V> supplier(Supplier<V> s, Object source) {
        if (!Race.ENABLED || s == null) {
            return s;
        }
        final class Wrapped extends Task implements Supplier<V> {
            Wrapped() {
                super(source);
            }

            @Override
            public V get() {
                enter();
                try {
                    return s.get();
                } finally {
                    exit();
                }
            }
        }
        return new Wrapped();
    }

    public static <A, R> Function<A, R> function(Function<A, R> f, Object source) {
        if (!Race.ENABLED || f == null) {
            return f;
        }
        final class Wrapped extends Task implements Function<A, R> {
            Wrapped() {
                super(source);
            }

            @Override
            public R apply(A a) {
                enter();
                try {
                    return f.apply(a);
                } finally {
                    exit();
                }
            }
        }
        return new Wrapped();
    }

    public static <A> Consumer<A> consumer(Consumer<A> f, Object source) {
        if (!Race.ENABLED || f == null) {
            return f;
        }
        final class Wrapped extends Task implements Consumer<A> {
            Wrapped() {
                super(source);
            }

            @Override
            public void accept(A a) {
                enter();
                try {
                    f.accept(a);
                } finally {
                    exit();
                }
            }
        }
        return new Wrapped();
    }

    public static <A, B, R> BiFunction<A, B, R> biFunction(BiFunction<A, B, R> f, Object source) {
        if (!Race.ENABLED || f == null) {
            return f;
        }
        final class Wrapped extends Task implements BiFunction<A, B, R> {
            Wrapped() {
                super(source);
            }

            @Override
            public R apply(A a, B b) {
                enter();
                try {
                    return f.apply(a, b);
                } finally {
                    exit();
                }
            }
        }
        return new Wrapped();
    }

    public static <A, B> BiConsumer<A, B> biConsumer(BiConsumer<A, B> f, Object source) {
        if (!Race.ENABLED || f == null) {
            return f;
        }
        final class Wrapped extends Task implements BiConsumer<A, B> {
            Wrapped() {
                super(source);
            }

            @Override
            public void accept(A a, B b) {
                enter();
                try {
                    f.accept(a, b);
                } finally {
                    exit();
                }
            }
        }
        return new Wrapped();
    }

    /** {@code invokeAll}/{@code invokeAny}: each callable of the collection, wrapped. */
    public static <V> Collection<Callable<V>> callables(Collection<? extends Callable<V>> tasks, Object source) {
        if (!Race.ENABLED || tasks == null) {
            @SuppressWarnings("unchecked")
            Collection<Callable<V>> same = (Collection<Callable<V>>) tasks;
            return same;
        }
        List<Callable<V>> wrapped = new ArrayList<>(tasks.size());
        for (Callable<V> c : tasks) {
            wrapped.add(callable(c, source));
        }
        return wrapped;
    }
}

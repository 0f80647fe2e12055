package dev.gokata.runtime;

/** A context with its cancel function, what Go returns as {@code ctx, cancel := context.WithCancel(parent)}. */
public interface CancelableContext extends Context {
    /** Cancels this context and its children; later calls do nothing. Does not wait for anyone to notice. */
    void cancel();
}

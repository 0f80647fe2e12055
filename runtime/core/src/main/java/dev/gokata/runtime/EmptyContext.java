package dev.gokata.runtime;

import java.time.Instant;
import java.util.Optional;

/** The roots of every context tree, Go's {@code backgroundCtx} and {@code todoCtx}: never done, no values. */
enum EmptyContext implements Context {
    BACKGROUND("context.Background"),
    TODO("context.TODO");

    private final String name;

    EmptyContext(String name) {
        this.name = name;
    }

    /** A nil channel: a receive on it blocks forever, and a select case on it is never ready. */
    @Override
    public RecvChan<Void> done() {
        return Chan.nil();
    }

    @Override
    public Optional<ContextError> err() {
        return Optional.empty();
    }

    @Override
    public Optional<Instant> deadline() {
        return Optional.empty();
    }

    @Override
    public Optional<Object> value(Object key) {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }
}

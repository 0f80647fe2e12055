package dev.gokata.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * Go's {@code valueCtx}: one key and its value on top of a parent; everything else is the parent's. Immutable, so
 * the parent never sees the child's value. Keys compare with {@code equals}; use a private type (a record, or a
 * private static sentinel object) as the key so that no other package can collide with it.
 */
final class ValueContext implements Context {
    private final Context parent;
    private final Object key;
    private final Object value;

    ValueContext(Context parent, Object key, Object value) {
        if (parent == null) {
            throw new GoPanic("cannot create context from nil parent");
        }
        this.parent = parent;
        if (key == null) {
            throw new GoPanic("nil key");
        }
        this.key = key;
        this.value = value;
    }

    Context parent() {
        return parent;
    }

    @Override
    public RecvChan<Void> done() {
        return parent.done();
    }

    @Override
    public Optional<ContextError> err() {
        return parent.err();
    }

    @Override
    public Optional<Instant> deadline() {
        return parent.deadline();
    }

    @Override
    public Optional<Object> value(Object k) {
        // A loop rather than recursion: long chains of values must not overflow the stack.
        Context c = this;
        while (c instanceof ValueContext v) {
            if (v.key.equals(k)) {
                return Optional.ofNullable(v.value);
            }
            c = v.parent;
        }
        return c.value(k);
    }

    @Override
    public String toString() {
        return parent + ".WithValue(" + key + ", " + value + ")";
    }
}

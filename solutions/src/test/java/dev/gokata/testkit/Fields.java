package dev.gokata.testkit;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/** What a student's object keeps in its fields, for tests that must reach its lock or channel to hold it. */
public final class Fields {
    private Fields() {
    }

    /** The values of type {@code type} in the fields that {@code declaredIn} declares, read from {@code owner}. */
    public static <T> List<T> valuesOf(Object owner, Class<?> declaredIn, Class<T> type) {
        List<T> values = new ArrayList<>();
        for (Field f : declaredIn.getDeclaredFields()) {
            f.setAccessible(true);
            try {
                Object value = f.get(owner);
                if (type.isInstance(value)) {
                    values.add(type.cast(value));
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError("cannot read the field " + f.getName() + " of " + declaredIn.getSimpleName(),
                        e);
            }
        }
        return values;
    }
}

package dev.framewire.core.network;

import java.util.Map;

/** Class-token helpers for port types. */
final class Types {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            int.class, Integer.class, long.class, Long.class, double.class, Double.class, float.class, Float.class,
            boolean.class, Boolean.class, byte.class, Byte.class, short.class, Short.class, char.class, Character.class,
            void.class, Void.class);

    private Types() {
    }

    static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? BOXES.get(type) : type;
    }

    /** Whether every item of type {@code from} is acceptable where {@code to} is declared. */
    static boolean accepts(Class<?> to, Class<?> from) {
        return boxed(to).isAssignableFrom(boxed(from));
    }
}

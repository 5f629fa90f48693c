package dev.framewire.core.internal;

import java.lang.reflect.Field;

/**
 * The one place that reaches {@code sun.misc.Unsafe}: off-heap allocation and raw reads without a JNI hop.
 *
 * <p>Internal to framewire-core, not API: it is public only so that {@code frame} (frames) and {@code codec}
 * ({@code RawMemory}) share a single lookup instead of each repeating the reflection. Code outside core should use
 * {@code dev.framewire.core.codec.RawMemory}.
 */
public final class UnsafeAccess {
    public static final sun.misc.Unsafe UNSAFE;
    /** Where a {@code byte[]}'s first element lies, for copies between arrays and off-heap memory. */
    public static final long BYTE_ARRAY_OFFSET;

    static {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            UNSAFE = (sun.misc.Unsafe) f.get(null);
            BYTE_ARRAY_OFFSET = UNSAFE.arrayBaseOffset(byte[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private UnsafeAccess() {
    }
}

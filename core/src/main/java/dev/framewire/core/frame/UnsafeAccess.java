package dev.framewire.core.frame;

import java.lang.reflect.Field;

/** The one place that reaches {@code sun.misc.Unsafe}: off-heap allocation and raw reads without a JNI hop. */
final class UnsafeAccess {
    static final sun.misc.Unsafe UNSAFE;
    static final long BYTE_ARRAY_OFFSET;

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

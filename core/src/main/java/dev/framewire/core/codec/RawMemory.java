package dev.framewire.core.codec;

import dev.framewire.core.internal.UnsafeAccess;

/**
 * Raw access to memory outside the Java heap (mapped queue files, frames), without a JNI hop.
 *
 * <p>Every method trusts its caller on bounds: {@link BinaryOut} and {@link BinaryIn} are the bounds-checked way in.
 */
public final class RawMemory {
    // Aliases of the shared lookup (UnsafeAccess), kept under these names for BinaryIn and BinaryOut.
    static final sun.misc.Unsafe UNSAFE = UnsafeAccess.UNSAFE;
    static final long BYTE_ARRAY_OFFSET = UnsafeAccess.BYTE_ARRAY_OFFSET;

    private RawMemory() {
    }

    /** Copies {@code bytes} bytes between two off-heap addresses (regions must not overlap). */
    public static void copy(long from, long to, long bytes) {
        UNSAFE.copyMemory(from, to, bytes);
    }

    /** Allocates {@code bytes} bytes with malloc; the caller frees them with {@link #free(long)}. */
    public static long allocate(long bytes) {
        return UNSAFE.allocateMemory(bytes);
    }

    public static void free(long address) {
        UNSAFE.freeMemory(address);
    }

    public static void fill(long address, long bytes, byte value) {
        UNSAFE.setMemory(address, bytes, value);
    }

    public static byte getByte(long address) {
        return UNSAFE.getByte(address);
    }

    public static void putByte(long address, byte value) {
        UNSAFE.putByte(address, value);
    }

    public static void putInt(long address, int value) {
        UNSAFE.putInt(address, value);
    }

    public static int getInt(long address) {
        return UNSAFE.getInt(address);
    }

    public static long getLong(long address) {
        return UNSAFE.getLong(address);
    }

    public static long getLongVolatile(long address) {
        return UNSAFE.getLongVolatile(null, address);
    }

    public static void putLongVolatile(long address, long value) {
        UNSAFE.putLongVolatile(null, address, value);
    }

    public static void putLongOrdered(long address, long value) {
        UNSAFE.putOrderedLong(null, address, value);
    }

    /** Offset of an instance field, for {@link #getLong(Object, long)}. */
    public static long fieldOffset(java.lang.reflect.Field field) {
        return UNSAFE.objectFieldOffset(field);
    }

    /** Reads a long field of an object by offset (a direct buffer's address). */
    public static long getLong(Object object, long offset) {
        return UNSAFE.getLong(object, offset);
    }

    /** The page size of the operating system, for pre-touching mapped memory one page at a time. */
    public static int pageSize() {
        return UNSAFE.pageSize();
    }
}

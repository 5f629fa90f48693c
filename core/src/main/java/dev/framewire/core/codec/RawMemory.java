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
    private static final long BUFFER_ADDRESS_OFFSET;

    static {
        try {
            BUFFER_ADDRESS_OFFSET = UNSAFE.objectFieldOffset(java.nio.Buffer.class.getDeclaredField("address"));
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RawMemory() {
    }

    /**
     * The address of a direct buffer's first byte (index 0, whatever its position). The caller keeps the buffer
     * reachable while it uses the address: its memory may be freed once the buffer is collected.
     *
     * @throws IllegalArgumentException the buffer is on the heap
     */
    public static long address(java.nio.ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer");
        }
        return UNSAFE.getLong(buffer, BUFFER_ADDRESS_OFFSET);
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

    /** The page size of the operating system, for pre-touching mapped memory one page at a time. */
    public static int pageSize() {
        return UNSAFE.pageSize();
    }
}

package dev.framewire.core.codec;

import java.nio.charset.StandardCharsets;

import static dev.framewire.core.codec.RawMemory.BYTE_ARRAY_OFFSET;
import static dev.framewire.core.codec.RawMemory.UNSAFE;

/**
 * A bounds-checked read cursor over a range of off-heap memory, the mirror of {@link BinaryOut}.
 *
 * <p>One instance is reused for every message by one reader thread; it is not thread-safe.
 */
public final class BinaryIn {
    private long base;
    private long limit;
    private long position;
    private boolean viewsAllowed;

    /**
     * Whether decoders may return views of the memory under this cursor (a {@link dev.framewire.core.frame.Frame}
     * wrapping the mapped pixels) instead of copies. A reader allows views only when the memory outlives every use
     * of the decoded value, as in a child that computes on an item before moving its tailer on.
     */
    public boolean viewsAllowed() {
        return viewsAllowed;
    }

    /** @see #viewsAllowed() @return this */
    public BinaryIn viewsAllowed(boolean allowed) {
        this.viewsAllowed = allowed;
        return this;
    }

    /** Points this cursor at {@code [address, address + length)}, position 0. @return this */
    public BinaryIn wrap(long address, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        this.base = address;
        this.limit = address + length;
        this.position = address;
        return this;
    }

    public long remaining() {
        return limit - position;
    }

    /** Bytes consumed since {@link #wrap}. */
    public long consumed() {
        return position - base;
    }

    /**
     * Skips {@code bytes} bytes and returns their address: a view of the memory, valid as long as the memory under
     * this cursor is (for a queue, until the reader moves on).
     */
    public long borrow(long bytes) {
        return claim(bytes);
    }

    public byte getByte() {
        return UNSAFE.getByte(claim(1));
    }

    public boolean getBoolean() {
        return getByte() != 0;
    }

    public short getShort() {
        return UNSAFE.getShort(claim(2));
    }

    public char getChar() {
        return UNSAFE.getChar(claim(2));
    }

    public int getInt() {
        return UNSAFE.getInt(claim(4));
    }

    public long getLong() {
        return UNSAFE.getLong(claim(8));
    }

    public float getFloat() {
        return UNSAFE.getFloat(claim(4));
    }

    public double getDouble() {
        return UNSAFE.getDouble(claim(8));
    }

    public byte[] getByteArray() {
        int n = getInt();
        if (n < 0) {
            throw new IllegalStateException("corrupt byte array length " + n);
        }
        byte[] v = new byte[n];
        UNSAFE.copyMemory(null, claim(n), v, BYTE_ARRAY_OFFSET, n);
        return v;
    }

    /** Reads what {@link BinaryOut#putString} wrote. */
    public String getString() {
        int prefix = getInt();
        if (prefix >= 0) {
            long at = claim(prefix);
            byte[] latin1 = new byte[prefix];
            UNSAFE.copyMemory(null, at, latin1, BYTE_ARRAY_OFFSET, prefix);
            return new String(latin1, StandardCharsets.ISO_8859_1);
        }
        int n = -prefix - 1;
        byte[] utf8 = new byte[n];
        UNSAFE.copyMemory(null, claim(n), utf8, BYTE_ARRAY_OFFSET, n);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private long claim(long bytes) {
        long at = position;
        if (bytes < 0 || bytes > limit - at) {
            throw new IndexOutOfBoundsException("reading " + bytes + " bytes with " + (limit - at) + " left");
        }
        position = at + bytes;
        return at;
    }
}

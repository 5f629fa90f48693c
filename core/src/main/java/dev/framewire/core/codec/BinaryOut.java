package dev.framewire.core.codec;

import java.nio.charset.StandardCharsets;

import static dev.framewire.core.codec.RawMemory.BYTE_ARRAY_OFFSET;
import static dev.framewire.core.codec.RawMemory.UNSAFE;

/**
 * A bounds-checked write cursor over a range of off-heap memory (usually a slice of a mapped queue file).
 *
 * <p>Values are written in the platform's native byte order: both ends of a channel run on the same machine.
 * One instance is reused for every message by one writer thread; it is not thread-safe and allocates nothing.
 */
public final class BinaryOut {
    private long base;
    private long limit;
    private long position;

    /** Points this cursor at {@code [address, address + capacity)}, position 0. @return this */
    public BinaryOut wrap(long address, long capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative capacity " + capacity);
        }
        this.base = address;
        this.limit = address + capacity;
        this.position = address;
        return this;
    }

    /** Bytes written since {@link #wrap}. */
    public long written() {
        return position - base;
    }

    /** Bytes still available. */
    public long remaining() {
        return limit - position;
    }

    /**
     * Reserves {@code bytes} bytes and returns their address, for a caller that fills them itself (a pixel copy or
     * a decoder writing in place).
     */
    public long reserve(long bytes) {
        long at = claim(bytes);
        return at;
    }

    public BinaryOut putByte(byte v) {
        UNSAFE.putByte(claim(1), v);
        return this;
    }

    public BinaryOut putBoolean(boolean v) {
        return putByte(v ? (byte) 1 : (byte) 0);
    }

    public BinaryOut putShort(short v) {
        UNSAFE.putShort(claim(2), v);
        return this;
    }

    public BinaryOut putChar(char v) {
        UNSAFE.putChar(claim(2), v);
        return this;
    }

    public BinaryOut putInt(int v) {
        UNSAFE.putInt(claim(4), v);
        return this;
    }

    public BinaryOut putLong(long v) {
        UNSAFE.putLong(claim(8), v);
        return this;
    }

    public BinaryOut putFloat(float v) {
        UNSAFE.putFloat(claim(4), v);
        return this;
    }

    public BinaryOut putDouble(double v) {
        UNSAFE.putDouble(claim(8), v);
        return this;
    }

    /** Writes a length-prefixed byte array. */
    public BinaryOut putByteArray(byte[] v) {
        putInt(v.length);
        UNSAFE.copyMemory(v, BYTE_ARRAY_OFFSET, null, claim(v.length), v.length);
        return this;
    }

    /** Copies {@code bytes} bytes from off-heap memory at {@code from}. */
    public BinaryOut putMemory(long from, long bytes) {
        long to = claim(bytes);
        // memory already where it is to be written (a frame made in place, see OutputMemory) needs no copy
        if (from != to) {
            UNSAFE.copyMemory(from, to, bytes);
        }
        return this;
    }

    /**
     * Writes a length-prefixed string: one byte per char when every char is Latin-1 (the common case for names and
     * paths), UTF-8 otherwise. The prefix is the byte length, negated for UTF-8.
     */
    public BinaryOut putString(String s) {
        int n = s.length();
        boolean latin1 = true;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) > 0xFF) {
                latin1 = false;
                break;
            }
        }
        if (latin1) {
            putInt(n);
            long at = claim(n);
            for (int i = 0; i < n; i++) {
                UNSAFE.putByte(at + i, (byte) s.charAt(i));
            }
        } else {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            putInt(-utf8.length - 1);
            UNSAFE.copyMemory(utf8, BYTE_ARRAY_OFFSET, null, claim(utf8.length), utf8.length);
        }
        return this;
    }

    /** Upper bound of the bytes {@link #putString} writes for {@code s}. */
    public static long maxStringSize(String s) {
        return 4L + 3L * s.length();
    }

    private long claim(long bytes) {
        long at = position;
        if (bytes < 0 || bytes > limit - at) {
            throw new IndexOutOfBoundsException("writing " + bytes + " bytes with " + (limit - at) + " left");
        }
        position = at + bytes;
        return at;
    }
}

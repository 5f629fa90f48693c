package dev.framewire.analyzers.decode;

import java.nio.ByteBuffer;

/**
 * Bounds-checked reads of untrusted encoded bytes. Positions are {@code long} so that offsets taken from a file (up to
 * 2^64 in BigTIFF) can be checked without overflow; any read that would leave the data throws
 * {@link InvalidImageException} "truncated &lt;format&gt;", never an unchecked exception.
 */
final class ByteReader {
    private final ByteBuffer data;
    private final ImageFormat format;
    private final int length;

    /** @param data the whole encoded file from index 0 to its limit; read with absolute gets only, never moved */
    ByteReader(ByteBuffer data, ImageFormat format) {
        this.data = data;
        this.format = format;
        this.length = data.limit();
    }

    int length() {
        return length;
    }

    ByteBuffer data() {
        return data;
    }

    ImageFormat format() {
        return format;
    }

    /** Throws "truncated" unless {@code [position, position + count)} lies inside the data. */
    void require(long position, long count) throws InvalidImageException {
        if (position < 0 || count < 0 || position > length || count > length - position) {
            throw InvalidImageException.truncated(format);
        }
    }

    int u8(long position) throws InvalidImageException {
        require(position, 1);
        return data.get((int) position) & 0xFF;
    }

    int u16be(long position) throws InvalidImageException {
        require(position, 2);
        int p = (int) position;
        return (data.get(p) & 0xFF) << 8 | (data.get(p + 1) & 0xFF);
    }

    int u16le(long position) throws InvalidImageException {
        require(position, 2);
        int p = (int) position;
        return (data.get(p + 1) & 0xFF) << 8 | (data.get(p) & 0xFF);
    }

    long u24le(long position) throws InvalidImageException {
        require(position, 3);
        int p = (int) position;
        return (data.get(p + 2) & 0xFFL) << 16 | (data.get(p + 1) & 0xFFL) << 8 | (data.get(p) & 0xFFL);
    }

    long u32be(long position) throws InvalidImageException {
        require(position, 4);
        return (long) u16be(position) << 16 | u16be(position + 2);
    }

    long u32le(long position) throws InvalidImageException {
        require(position, 4);
        return (long) u16le(position + 2) << 16 | u16le(position);
    }

    /** Unsigned 64-bit values above 2^63-1 come back negative; callers treat them as out of range. */
    long u64be(long position) throws InvalidImageException {
        require(position, 8);
        return u32be(position) << 32 | u32be(position + 4);
    }

    long u64le(long position) throws InvalidImageException {
        require(position, 8);
        return u32le(position + 4) << 32 | u32le(position);
    }

    /** Whether the bytes at {@code position} equal {@code expected} (false, not an exception, when out of range). */
    boolean matches(long position, byte[] expected) {
        if (position < 0 || position > length - expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (data.get((int) position + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}

package dev.framewire.analyzers.decode;

import dev.framewire.core.codec.RawMemory;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * Walks the marker segments of a JPEG: the first frame header (SOFn) gives the dimensions, and the file is complete
 * only if an end-of-image marker follows the entropy-coded data of the last scan. Segments are skipped by their
 * length, so an EXIF thumbnail inside APP1 is never mistaken for the image. Bytes after EOI (which some cameras
 * append) are ignored, as are stray bytes between segments (libjpeg tolerates them too).
 */
final class JpegReader implements FormatReader {
    static final JpegReader INSTANCE = new JpegReader();

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int TEM = 0x01;
    private static final long NO_FF_LOW = 0x0101010101010101L;
    private static final long NO_FF_HIGH = 0x8080808080808080L;

    private JpegReader() {
    }

    @Override
    public ImageHeader readHeader(ByteBuffer data) throws InvalidImageException {
        return walk(new ByteReader(data, ImageFormat.JPEG), false);
    }

    @Override
    public void checkComplete(ByteBuffer data) throws InvalidImageException {
        walk(new ByteReader(data, ImageFormat.JPEG), true);
    }

    private static ImageHeader walk(ByteReader in, boolean toEndOfImage) throws InvalidImageException {
        if (in.u8(0) != 0xFF || in.u8(1) != SOI) {
            throw InvalidImageException.corrupt(ImageFormat.JPEG, "no start-of-image marker");
        }
        long position = 2;
        ImageHeader header = null;
        while (true) {
            position = markerCodeAt(in, position);
            int marker = in.u8(position);
            position++;
            if (marker == EOI) {
                if (header == null) {
                    throw InvalidImageException.corrupt(ImageFormat.JPEG, "end of image before any frame header");
                }
                return header;
            }
            if (marker == SOI) {
                throw InvalidImageException.corrupt(ImageFormat.JPEG, "second start-of-image marker");
            }
            if (marker == TEM || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // standalone markers carry no length
            }
            int length = in.u16be(position);
            if (length < 2) {
                throw InvalidImageException.corrupt(ImageFormat.JPEG, "segment length " + length);
            }
            in.require(position, length);
            if (header == null && isStartOfFrame(marker)) {
                if (length < 8) {
                    throw InvalidImageException.corrupt(ImageFormat.JPEG, "frame header of " + length + " bytes");
                }
                int height = in.u16be(position + 3);
                int width = in.u16be(position + 5);
                if (width == 0 || height == 0) {
                    throw InvalidImageException.corrupt(ImageFormat.JPEG, "frame header declares " + width + "x" + height);
                }
                header = new ImageHeader(ImageFormat.JPEG, width, height);
                if (!toEndOfImage) {
                    return header;
                }
            }
            position += length;
            if (marker == SOS) {
                if (header == null) {
                    throw InvalidImageException.corrupt(ImageFormat.JPEG, "scan before any frame header");
                }
                position = endOfEntropyCodedData(in, position);
            }
        }
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /**
     * Position of the next marker code byte at or after {@code position}: skips stray bytes and 0xFF fill bytes.
     * Throws "truncated" if the data ends first.
     */
    private static long markerCodeAt(ByteReader in, long position) throws InvalidImageException {
        while (true) {
            while (in.u8(position) != 0xFF) {
                position++;
            }
            while (in.u8(position) == 0xFF) {
                position++;
            }
            if (in.u8(position) != 0x00) {
                return position;
            }
            position++; // a stuffed 0xFF00 outside a scan is stray data, not a marker
        }
    }

    /**
     * Skips entropy-coded data, where 0xFF is followed by a stuffed 0x00 or a restart marker; returns the position of
     * the 0xFF that starts the next real marker. Looks at eight bytes at a time where none is 0xFF, since this runs
     * over the whole compressed image, and straight from memory when the bytes are off the heap (as a decoded file's
     * are): under the client compiler alone, which the launcher and child JVMs run, {@code ByteBuffer.getLong} made
     * the checks of a 12 MP photo 2.7 times as slow.
     */
    private static long endOfEntropyCodedData(ByteReader in, long start) throws InvalidImageException {
        ByteBuffer data = in.data();
        int length = in.length();
        int position = (int) start;
        boolean direct = data.isDirect();
        long base = direct ? RawMemory.address(data) : 0;
        try {
            while (true) {
                while (position <= length - Long.BYTES) {
                    long inverted = ~(direct ? RawMemory.getLong(base + position) : data.getLong(position));
                    if (((inverted - NO_FF_LOW) & ~inverted & NO_FF_HIGH) != 0) {
                        break; // some byte of the word is 0xFF
                    }
                    position += Long.BYTES;
                }
                if (in.u8(position) != 0xFF) {
                    position++;
                    continue;
                }
                int next = in.u8(position + 1L);
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                    position += 2;
                } else if (next == 0xFF) {
                    position++; // fill byte before a marker
                } else {
                    return position;
                }
            }
        } finally {
            Reference.reachabilityFence(data); // its memory must outlive the raw reads
        }
    }
}

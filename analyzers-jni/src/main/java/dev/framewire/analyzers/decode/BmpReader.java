package dev.framewire.analyzers.decode;

import java.nio.ByteBuffer;

/**
 * Windows and OS/2 bitmaps. Dimensions come from the DIB header (a negative height means top-down rows); an
 * uncompressed bitmap is complete when the file holds every padded row after the pixel-data offset.
 */
final class BmpReader implements FormatReader {
    static final BmpReader INSTANCE = new BmpReader();

    private static final int FILE_HEADER = 14;
    private static final int OS2_CORE_HEADER = 12;
    private static final int COMPRESSION_NONE = 0;
    private static final int COMPRESSION_BITFIELDS = 3;
    private static final int COMPRESSION_ALPHA_BITFIELDS = 6;

    private BmpReader() {
    }

    /** DIB header sizes that OpenCV and the common writers produce; anything else starting with "BM" is not a BMP. */
    static boolean isKnownDibHeaderSize(long size) {
        return size == 12 || size == 16 || size == 40 || size == 52 || size == 56 || size == 64 || size == 108 || size == 124;
    }

    @Override
    public ImageHeader readHeader(ByteBuffer data) throws InvalidImageException {
        Layout layout = layout(new ByteReader(data, ImageFormat.BMP));
        return new ImageHeader(ImageFormat.BMP, layout.width, layout.height);
    }

    @Override
    public void checkComplete(ByteBuffer data) throws InvalidImageException {
        ByteReader in = new ByteReader(data, ImageFormat.BMP);
        Layout layout = layout(in);
        long pixelOffset = in.u32le(10);
        in.require(0, pixelOffset);
        boolean uncompressed = layout.compression == COMPRESSION_NONE || layout.compression == COMPRESSION_BITFIELDS
                || layout.compression == COMPRESSION_ALPHA_BITFIELDS;
        if (!uncompressed || layout.bitsPerPixel == 0 || layout.bitsPerPixel > 32) {
            return; // run-length and embedded formats: the decoder judges them
        }
        long rowBytes = (layout.width * layout.bitsPerPixel + 31) / 32 * 4;
        if (rowBytes > (Long.MAX_VALUE / 2) / layout.height) {
            throw InvalidImageException.truncated(ImageFormat.BMP);
        }
        in.require(pixelOffset, rowBytes * layout.height);
    }

    private record Layout(long width, long height, int bitsPerPixel, long compression) {
    }

    private static Layout layout(ByteReader in) throws InvalidImageException {
        long dibSize = in.u32le(FILE_HEADER);
        long width;
        long height;
        int bitsPerPixel;
        long compression = COMPRESSION_NONE;
        if (dibSize == OS2_CORE_HEADER) {
            width = in.u16le(FILE_HEADER + 4);
            height = in.u16le(FILE_HEADER + 6);
            bitsPerPixel = in.u16le(FILE_HEADER + 10);
        } else if (isKnownDibHeaderSize(dibSize)) {
            width = (int) in.u32le(FILE_HEADER + 4);   // signed
            height = Math.abs((long) (int) in.u32le(FILE_HEADER + 8)); // negative: rows stored top-down
            bitsPerPixel = in.u16le(FILE_HEADER + 14);
            if (dibSize >= 20) {
                compression = in.u32le(FILE_HEADER + 16);
            }
        } else {
            throw InvalidImageException.corrupt(ImageFormat.BMP, "DIB header of " + dibSize + " bytes");
        }
        if (width <= 0 || height <= 0) {
            throw InvalidImageException.corrupt(ImageFormat.BMP, "header declares " + width + "x" + height);
        }
        return new Layout(width, height, bitsPerPixel, compression);
    }
}

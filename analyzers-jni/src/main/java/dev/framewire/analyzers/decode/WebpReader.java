package dev.framewire.analyzers.decode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * RIFF container with one of three first chunks: VP8 (lossy, 14-bit dimensions after the key-frame start code), VP8L
 * (lossless, 14-bit dimensions minus one) or VP8X (extended, 24-bit canvas dimensions minus one). The file is complete
 * when it holds the bytes the RIFF header announces and its chunks, which must include image data, fit inside.
 */
final class WebpReader implements FormatReader {
    static final WebpReader INSTANCE = new WebpReader();

    static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
    static final byte[] WEBP = "WEBP".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VP8 = "VP8 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VP8L = "VP8L".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VP8X = "VP8X".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANMF = "ANMF".getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK_DATA = 20;

    private WebpReader() {
    }

    @Override
    public ImageHeader readHeader(ByteBuffer data) throws InvalidImageException {
        ByteReader in = new ByteReader(data, ImageFormat.WEBP);
        in.require(0, CHUNK_DATA);
        long width;
        long height;
        if (in.matches(12, VP8)) {
            if (in.u8(CHUNK_DATA + 3) != 0x9D || in.u8(CHUNK_DATA + 4) != 0x01 || in.u8(CHUNK_DATA + 5) != 0x2A) {
                throw InvalidImageException.corrupt(ImageFormat.WEBP, "no VP8 key frame start code");
            }
            width = in.u16le(CHUNK_DATA + 6) & 0x3FFF;
            height = in.u16le(CHUNK_DATA + 8) & 0x3FFF;
        } else if (in.matches(12, VP8L)) {
            if (in.u8(CHUNK_DATA) != 0x2F) {
                throw InvalidImageException.corrupt(ImageFormat.WEBP, "no VP8L signature");
            }
            long bits = in.u32le(CHUNK_DATA + 1);
            width = (bits & 0x3FFF) + 1;
            height = ((bits >>> 14) & 0x3FFF) + 1;
        } else if (in.matches(12, VP8X)) {
            width = in.u24le(CHUNK_DATA + 4) + 1;
            height = in.u24le(CHUNK_DATA + 7) + 1;
        } else {
            throw InvalidImageException.corrupt(ImageFormat.WEBP, "first chunk is not VP8, VP8L or VP8X");
        }
        if (width == 0 || height == 0) {
            throw InvalidImageException.corrupt(ImageFormat.WEBP, "header declares " + width + "x" + height);
        }
        return new ImageHeader(ImageFormat.WEBP, width, height);
    }

    @Override
    public void checkComplete(ByteBuffer data) throws InvalidImageException {
        ByteReader in = new ByteReader(data, ImageFormat.WEBP);
        long riffSize = in.u32le(4);
        if (riffSize < 4 + 8) {
            throw InvalidImageException.corrupt(ImageFormat.WEBP, "RIFF size " + riffSize);
        }
        in.require(8, riffSize);
        long end = 8 + riffSize;
        boolean hasImage = false;
        long position = 12;
        while (position + 8 <= end) {
            long size = in.u32le(position + 4);
            hasImage |= in.matches(position, VP8) || in.matches(position, VP8L) || in.matches(position, ANMF);
            position += 8 + size + (size & 1); // chunks are padded to an even length
        }
        if (position > end + 1) { // some writers omit the last pad byte
            throw InvalidImageException.corrupt(ImageFormat.WEBP, "a chunk overruns the RIFF container");
        }
        if (!hasImage) {
            throw InvalidImageException.corrupt(ImageFormat.WEBP, "no image data");
        }
    }
}

package dev.framewire.analyzers.decode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The IHDR chunk gives the dimensions; the file is complete only if the chunk sequence reaches IEND inside the data.
 * Chunk CRCs are left to libpng, which checks them while decoding.
 */
final class PngReader implements FormatReader {
    static final PngReader INSTANCE = new PngReader();

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] IHDR = "IHDR".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IEND = "IEND".getBytes(StandardCharsets.US_ASCII);
    private static final long MAX_CHUNK_LENGTH = Integer.MAX_VALUE;

    private PngReader() {
    }

    @Override
    public ImageHeader readHeader(ByteBuffer data) throws InvalidImageException {
        ByteReader in = new ByteReader(data, ImageFormat.PNG);
        in.require(0, SIGNATURE.length + 8 + 13);
        if (!in.matches(0, SIGNATURE)) {
            throw InvalidImageException.corrupt(ImageFormat.PNG, "bad signature");
        }
        if (in.u32be(8) != 13 || !in.matches(12, IHDR)) {
            throw InvalidImageException.corrupt(ImageFormat.PNG, "first chunk is not a 13-byte IHDR");
        }
        long width = in.u32be(16);
        long height = in.u32be(20);
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw InvalidImageException.corrupt(ImageFormat.PNG, "header declares " + width + "x" + height);
        }
        return new ImageHeader(ImageFormat.PNG, width, height);
    }

    @Override
    public void checkComplete(ByteBuffer data) throws InvalidImageException {
        ByteReader in = new ByteReader(data, ImageFormat.PNG);
        long position = SIGNATURE.length;
        while (true) {
            long length = in.u32be(position);
            if (length > MAX_CHUNK_LENGTH) {
                throw InvalidImageException.corrupt(ImageFormat.PNG, "chunk length " + length);
            }
            in.require(position, 12 + length); // length, type, data, CRC
            if (in.matches(position + 4, IEND)) {
                return;
            }
            position += 12 + length;
        }
    }
}

package dev.framewire.analyzers.decode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Recognises the encoded format from its leading bytes ("magic numbers"); the file name plays no part. */
final class ImageSniffer {
    private static final byte[] GIF87 = "GIF87a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GIF89 = "GIF89a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FTYP = "ftyp".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIFF_LE = {'I', 'I', 42, 0};
    private static final byte[] TIFF_BE = {'M', 'M', 0, 42};
    private static final byte[] BIGTIFF_LE = {'I', 'I', 43, 0};
    private static final byte[] BIGTIFF_BE = {'M', 'M', 0, 43};

    private ImageSniffer() {
    }

    /**
     * The format these bytes start with.
     *
     * @throws InvalidImageException "not an image", or "unsupported image format (X)" for a recognised format that
     *                               is not decoded (GIF, HEIF/AVIF)
     */
    static ImageFormat sniff(ByteBuffer data) throws InvalidImageException {
        ByteReader in = new ByteReader(data, null);
        int length = in.length();
        if (length >= 2 && in.matches(0, new byte[] {(byte) 0xFF, (byte) 0xD8})) {
            return ImageFormat.JPEG;
        }
        if (length >= 4 && in.matches(0, java.util.Arrays.copyOf(PngReader.SIGNATURE, Math.min(length, 8)))) {
            return ImageFormat.PNG; // a cut signature still says PNG: the reader reports it truncated
        }
        if (in.matches(0, WebpReader.RIFF) && in.matches(8, WebpReader.WEBP)) {
            return ImageFormat.WEBP;
        }
        if (in.matches(0, TIFF_LE) || in.matches(0, TIFF_BE) || in.matches(0, BIGTIFF_LE) || in.matches(0, BIGTIFF_BE)) {
            return ImageFormat.TIFF;
        }
        if (length >= 18 && in.matches(0, new byte[] {'B', 'M'}) && BmpReader.isKnownDibHeaderSize(dibHeaderSize(data))) {
            return ImageFormat.BMP; // "BM" alone is too weak: text starts with it
        }
        if (in.matches(0, GIF87) || in.matches(0, GIF89)) {
            throw new InvalidImageException("unsupported image format (GIF)");
        }
        if (in.matches(4, FTYP)) {
            throw new InvalidImageException("unsupported image format (HEIF/AVIF)");
        }
        throw new InvalidImageException("not an image");
    }

    static FormatReader readerFor(ImageFormat format) {
        return switch (format) {
            case JPEG -> JpegReader.INSTANCE;
            case PNG -> PngReader.INSTANCE;
            case WEBP -> WebpReader.INSTANCE;
            case BMP -> BmpReader.INSTANCE;
            case TIFF -> TiffReader.INSTANCE;
        };
    }

    private static long dibHeaderSize(ByteBuffer data) {
        return (data.get(14) & 0xFFL) | (data.get(15) & 0xFFL) << 8 | (data.get(16) & 0xFFL) << 16 | (data.get(17) & 0xFFL) << 24;
    }
}

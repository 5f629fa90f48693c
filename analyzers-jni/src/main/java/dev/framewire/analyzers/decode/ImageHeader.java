package dev.framewire.analyzers.decode;

import java.util.Objects;

/**
 * What an image file's header claims, read without decoding any pixels.
 *
 * @param format the encoded format
 * @param width  pixels per row as stored (EXIF orientation is not applied), at least 1
 * @param height rows as stored, at least 1
 */
public record ImageHeader(ImageFormat format, long width, long height) {
    public ImageHeader {
        Objects.requireNonNull(format, "format");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("dimensions must be at least 1x1, got " + width + "x" + height);
        }
    }

    /** Width times height; cannot overflow since both are below 2^32. */
    public long pixels() {
        return width * height;
    }
}

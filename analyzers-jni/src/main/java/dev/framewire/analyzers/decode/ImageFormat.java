package dev.framewire.analyzers.decode;

/** The encoded formats {@link PhotoDecoder} reads, recognised by their leading bytes, never by the file name. */
public enum ImageFormat {
    JPEG("JPEG"),
    PNG("PNG"),
    WEBP("WebP"),
    BMP("BMP"),
    TIFF("TIFF");

    private final String displayName;

    ImageFormat(String displayName) {
        this.displayName = displayName;
    }

    /** The usual spelling, as used in error reasons ("truncated WebP"). */
    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}

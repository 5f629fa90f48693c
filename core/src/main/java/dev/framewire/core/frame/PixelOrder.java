package dev.framewire.core.frame;

/**
 * Layout of one pixel in a {@link Frame}: 8 bits per channel, channels interleaved.
 */
public enum PixelOrder {
    /** red, green, blue */
    RGB(3),
    /** blue, green, red: what OpenCV decoders produce */
    BGR(3),
    /** one luminance channel */
    GRAY(1);

    private final int channels;

    PixelOrder(int channels) {
        this.channels = channels;
    }

    /** Bytes per pixel. */
    public int channels() {
        return channels;
    }
}

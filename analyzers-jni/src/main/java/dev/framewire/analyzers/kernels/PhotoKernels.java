package dev.framewire.analyzers.kernels;

import dev.framewire.core.frame.Frame;

/**
 * The four kernels of {@code framewire_kernels.h} over a {@link Frame}, with the header's output layout.
 *
 * <p>Implementations validate the frame before touching its memory: a {@code null} frame throws
 * {@link NullPointerException}, a released frame {@link IllegalStateException}. The caller must hold a reference
 * to the frame for the duration of the call. Implementations are stateless and thread-safe.
 */
public interface PhotoKernels {
    /** Slots of {@link #analyzeAll}'s output. */
    int ALL_LAPLACIAN_VAR = 0, ALL_MEAN = 1, ALL_SHADOWS = 2, ALL_HIGHLIGHTS = 3, ALL_THRESHOLD = 4,
            ALL_STRONG = 5, ALL_THIRDS = 6, ALL_CENTER = 7, ALL_SLOTS = 8;

    /** Bins of the luminance histogram. */
    int HISTOGRAM_BINS = 256;

    /** {@code out[0]} = laplacian_var. */
    void sharpness(Frame frame, double[] out);

    /**
     * {@code out[0..2]} = mean brightness, clipped shadows, clipped highlights; {@code histogram} receives 256
     * counts, or is {@code null} to skip the histogram (several times cheaper; the statistics are identical).
     */
    void exposure(Frame frame, double[] out, long[] histogram);

    /** {@code out[0..3]} = edge threshold t, strong pixel count, thirds coverage, center bias. */
    void composition(Frame frame, double[] out);

    /** All three at once: {@code out} has {@link #ALL_SLOTS} slots, {@code histogram} 256 counts or {@code null}. */
    void analyzeAll(Frame frame, double[] out, long[] histogram);

    /** Checks that a frame may be read, with the exceptions every analyzer documents. */
    static Frame requireReadable(Frame frame) {
        if (frame == null) {
            throw new NullPointerException("frame is null");
        }
        if (!frame.isOpen()) {
            throw new IllegalStateException("cannot analyze " + frame + ": it was already released");
        }
        return frame;
    }
}

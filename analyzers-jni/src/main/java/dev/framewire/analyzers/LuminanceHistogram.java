package dev.framewire.analyzers;

import java.util.Arrays;
import java.util.Objects;

/**
 * Immutable 256-bin histogram of luminance on the 0..255 scale: bin {@code b} counts the pixels with
 * {@code b <= Y < b + 1}, and {@code Y = 255} falls in bin 255. Luminance is the exact
 * {@code Y = 0.299 R + 0.587 G + 0.114 B}, not rounded to an integer first, so a pixel of Y = 254.9 counts in bin 254.
 */
public final class LuminanceHistogram {
    /** Number of bins. */
    public static final int BINS = 256;

    private final long[] counts;
    private final long total;

    private LuminanceHistogram(long[] counts) {
        this.counts = counts;
        this.total = Arrays.stream(counts).sum();
    }

    /**
     * A histogram of the given counts (copied).
     *
     * @throws IllegalArgumentException if there are not exactly 256 counts or one is negative
     */
    public static LuminanceHistogram of(long[] counts) {
        Objects.requireNonNull(counts, "counts");
        if (counts.length != BINS) {
            throw new IllegalArgumentException("a luminance histogram has " + BINS + " bins, got " + counts.length);
        }
        for (int b = 0; b < BINS; b++) {
            if (counts[b] < 0) {
                throw new IllegalArgumentException("bin " + b + " has a negative count " + counts[b]);
            }
        }
        return new LuminanceHistogram(counts.clone());
    }

    /** Takes ownership of {@code counts}, which the caller must not touch again; for the analyzers' hot path. */
    static LuminanceHistogram adopt(long[] counts) {
        return new LuminanceHistogram(counts);
    }

    /** Pixels in bin {@code bin} (0..255). @throws IndexOutOfBoundsException outside 0..255 */
    public long count(int bin) {
        return counts[Objects.checkIndex(bin, BINS)];
    }

    /** All pixels counted. */
    public long total() {
        return total;
    }

    /** A copy of the 256 counts. */
    public long[] toArray() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LuminanceHistogram other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "LuminanceHistogram[" + total + " pixels]";
    }
}

package dev.framewire.analyzers.kernels;

import java.util.Arrays;

/**
 * Finds the exact 85th percentile of the squared Sobel magnitudes of a frame, and counts the strong pixels
 * ({@code E > t}) in the power-point and center zones, in two passes over the pixels and without storing one value
 * per pixel.
 *
 * <p>Pass 1 ({@link #count}) builds a histogram of a monotone 15-bit key of {@code E^2} (the exact value below 1024,
 * then 10 mantissa bits per power of two: each bin spans 0.1% of its value). That locates the bin holding the
 * order statistic. Pass 2 ({@link #classify}) counts every pixel above that bin as strong and keeps only the
 * pixels of that bin, sorted afterwards, to find the exact value.
 *
 * <p>Why the cut is {@code E^2 > E^2[lo]}: with {@code lo = floor(0.85 (N - 1))}, numpy's interpolated
 * {@code t} lies in {@code [E[lo], E[lo + 1])} and, because distinct integer squares have square roots at least
 * 3.5e-10 apart (far above the rounding error of the interpolation), {@code E > t} holds exactly for the pixels
 * with {@code E^2 > E^2[lo]}. So the strong count is exact integer arithmetic, the same in every implementation.
 *
 * <p>Not thread-safe: one per analysis.
 */
final class EdgeSelection {
    /** Number of distinct keys: squared magnitudes stay below 2^41 (2 * (4 * 255000)^2 < 2.2e12). */
    static final int KEYS = 32 << 10;
    /** Keys below this hold one squared magnitude each (the key itself), so their bin needs no sorting. */
    static final int EXACT_KEYS = 2048;

    static final int THIRDS = 1;
    static final int CENTER = 2;

    private final int[] histogram = new int[KEYS];
    private final long pixels;
    private final long rankLow;

    private int targetKey = -1;
    private long below;
    private long targetCount;
    private long[] bucket;
    private int bucketFill;
    private long minimumAbove = Long.MAX_VALUE;
    private long strong;
    private long strongThirds;
    private long strongCenter;

    /** Most pixels one selection handles: its bins count in ints and its candidates fit one Java array. */
    static final long MAX_PIXELS = Integer.MAX_VALUE - 8;

    EdgeSelection(long pixels) {
        if (pixels > MAX_PIXELS) {
            throw new IllegalArgumentException("a frame of " + pixels + " pixels is beyond the pure-Java composition "
                    + "kernel's limit of " + MAX_PIXELS + " pixels; use the native kernels");
        }
        this.pixels = pixels;
        this.rankLow = 17 * (pixels - 1) / 20; // floor(0.85 (N - 1)), exactly
    }

    /** Monotone key of a squared magnitude: exact below 1024, then 1024 bins per power of two. */
    static int key(long squared) {
        int shift = Math.max(0, 53 - Long.numberOfLeadingZeros(squared));
        return (shift << 10) + (int) (squared >>> shift);
    }

    /** Pass 1: counts one squared magnitude. */
    void count(long squared) {
        histogram[key(squared)]++;
    }

    /** Between the passes: locates the bin holding order statistic {@code lo}. */
    void locate() {
        long cumulative = 0;
        for (int k = 0; k < KEYS; k++) {
            if (cumulative + histogram[k] > rankLow) {
                targetKey = k;
                below = cumulative;
                targetCount = histogram[k];
                // a flat photo can put most pixels in one exact bin: do not copy them just to sort equal values
                bucket = new long[k < EXACT_KEYS ? 0 : histogram[k]];
                return;
            }
            cumulative += histogram[k];
        }
        throw new IllegalStateException("histogram holds " + cumulative + " values, expected " + pixels);
    }

    int targetKey() {
        return targetKey;
    }

    /** Pass 2, for pixels whose key is above the target bin: they are strong. */
    void strongAbove(long squared, int zones) {
        strong++;
        strongThirds += zones & THIRDS;
        strongCenter += zones >>> 1;
        if (squared < minimumAbove) {
            minimumAbove = squared;
        }
    }

    /** Pass 2, for pixels whose key is the target bin. */
    void candidate(long squared, int zones) {
        if (targetKey >= EXACT_KEYS) {
            bucket[bucketFill] = squared << 2 | zones;
        }
        bucketFill++;
    }

    /**
     * After pass 2: writes {@code t} (0..255 scale), the strong count, thirds coverage and center bias to
     * {@code out[offset..offset+3]}.
     */
    void finish(double[] out, int offset) {
        if (bucketFill != targetCount) {
            throw new IllegalStateException("pass 2 saw " + bucketFill + " values in the target bin, pass 1 " + targetCount);
        }
        int index = (int) (rankLow - below);
        long lowSquared;
        long nextInBin;
        if (targetKey < EXACT_KEYS) {
            lowSquared = targetKey; // every value in the bin; none of them is above itself, so none is strong
            nextInBin = targetKey;
        } else {
            Arrays.sort(bucket);
            lowSquared = bucket[index] >>> 2;
            nextInBin = index + 1 < bucket.length ? bucket[index + 1] >>> 2 : -1;
        }
        long highSquared;
        if (rankLow + 1 >= pixels) {
            highSquared = lowSquared;
        } else if (index + 1 < targetCount) {
            highSquared = nextInBin;
        } else {
            highSquared = minimumAbove;
        }
        for (int i = bucket.length - 1; i >= 0 && (bucket[i] >>> 2) > lowSquared; i--) {
            int zones = (int) (bucket[i] & 3);
            strong++;
            strongThirds += zones & THIRDS;
            strongCenter += zones >>> 1;
        }
        out[offset] = interpolatedThreshold(lowSquared, highSquared, pixels);
        out[offset + 1] = strong;
        out[offset + 2] = strong == 0 ? 0.0 : strongThirds / (double) strong;
        out[offset + 3] = strong == 0 ? 0.0 : strongCenter / (double) strong;
    }

    /**
     * Linear interpolation between order statistics {@code lo} and {@code lo + 1} (numpy's default rule) on the
     * 0..255 scale, written as the native kernel writes it: {@code E_lo + (E_hi - E_lo) * frac} with
     * {@code E = sqrt((double) E2) / 1000}.
     */
    static double interpolatedThreshold(long lowSquared, long highSquared, long pixels) {
        double position = 0.85 * (double) (pixels - 1);
        double fraction = position - Math.floor(position);
        double low = Math.sqrt((double) lowSquared) / 1000.0;
        double high = Math.sqrt((double) highSquared) / 1000.0;
        return low + (high - low) * fraction;
    }
}

package dev.framewire.analyzers.kernels;

import dev.framewire.core.frame.Frame;

import java.math.BigInteger;

import static dev.framewire.analyzers.kernels.PhotoKernels.requireReadable;

/**
 * The pure-Java twin of the native kernels: the same exact integer formulation (luminance
 * {@code I = 299 R + 587 G + 114 B}, Laplacian and Sobel on {@code I}, sums in 128 bits, an exact order
 * statistic), so every output is bit-identical to {@link NativePhotoKernels}. It is the oracle in tests and the
 * fallback where the native library cannot load.
 *
 * <p>Reads the frame one row at a time (one copy of each row into a small buffer) and keeps three rows of
 * luminance; composition reads the pixels twice rather than storing a value per pixel. Allocates its row
 * buffers per call. Stateless and thread-safe.
 */
public final class JavaKernels implements PhotoKernels {
    /** The one instance. */
    public static final JavaKernels INSTANCE = new JavaKernels();

    /** {@code Y / 255 < 0.02} exactly when {@code I < 5100}. */
    static final int SHADOW_LIMIT = 5_100;
    /** {@code Y / 255 > 0.98} exactly when {@code I > 249900}. */
    static final int HIGHLIGHT_LIMIT = 249_900;
    /** Pixels per 64-bit partial sum of squared Laplacians: 2^22 * (4 * 255000)^2 < 2^63. */
    private static final int SQUARES_PER_PARTIAL_SUM = 1 << 22;

    private JavaKernels() {
    }

    @Override
    public void sharpness(Frame frame, double[] out) {
        requireReadable(frame);
        LumaWindow rows = new LumaWindow(frame);
        LaplacianSums squares = new LaplacianSums();
        for (int y = 0; y < frame.height(); y++) {
            rows.advance();
            addLaplacianSquares(rows, frame.width(), squares);
        }
        out[0] = laplacianVariance(squares, pixels(frame));
    }

    @Override
    public void exposure(Frame frame, double[] out, long[] histogram) {
        requireReadable(frame);
        LumaWindow rows = new LumaWindow(frame);
        Exposure exposure = new Exposure(histogram);
        for (int y = 0; y < frame.height(); y++) {
            rows.advance();
            exposure.addRow(rows.cur, frame.width());
        }
        exposure.finish(pixels(frame), out, 0);
    }

    @Override
    public void composition(Frame frame, double[] out) {
        requireReadable(frame);
        EdgeSelection edges = new EdgeSelection(pixels(frame));
        LumaWindow rows = new LumaWindow(frame);
        for (int y = 0; y < frame.height(); y++) {
            rows.advance();
            countEdges(rows, frame.width(), edges);
        }
        classifyEdges(frame, edges);
        edges.finish(out, 0);
    }

    @Override
    public void analyzeAll(Frame frame, double[] out, long[] histogram) {
        requireReadable(frame);
        int width = frame.width();
        long pixels = pixels(frame);
        LumaWindow rows = new LumaWindow(frame);
        LaplacianSums squares = new LaplacianSums();
        Exposure exposure = new Exposure(histogram);
        EdgeSelection edges = new EdgeSelection(pixels);
        for (int y = 0; y < frame.height(); y++) {
            rows.advance();
            addLaplacianSquares(rows, width, squares);
            exposure.addRow(rows.cur, width);
            countEdges(rows, width, edges);
        }
        classifyEdges(frame, edges);
        out[ALL_LAPLACIAN_VAR] = laplacianVariance(squares, pixels);
        exposure.finish(pixels, out, ALL_MEAN);
        edges.finish(out, ALL_THRESHOLD);
    }

    private static long pixels(Frame frame) {
        return (long) frame.width() * frame.height();
    }

    /**
     * Population variance of the Laplacian on the 0..255 scale, from the exact sums in units of I = 1000 Y:
     * {@code (double)(N * S2 - S1^2) / ((double) N * (double) N) / 1e6}, the numerator converted to a double
     * once (nearest, ties to even), exactly as the native kernel does. (With the reflect boundary S1 is always 0
     * because each row's and column's second differences telescope; it is summed anyway, like the native code.)
     */
    static double laplacianVariance(LaplacianSums sums, long pixels) {
        BigInteger numerator = BigInteger.valueOf(pixels).multiply(sums.squares.toBigInteger())
                .subtract(BigInteger.valueOf(sums.sum).pow(2));
        double n = pixels;
        return numerator.doubleValue() / (n * n) / 1e6;
    }

    /** Sum and exact sum of squares of the Laplacians seen so far. Not thread-safe. */
    private static final class LaplacianSums {
        final Int128Sum squares = new Int128Sum();
        long sum; // |L| <= 1.02e6 per pixel, so at most 2^31 * 2^20 in magnitude
    }

    private static void addLaplacianSquares(LumaWindow rows, int width, LaplacianSums sums) {
        int[] up = rows.up;
        int[] cur = rows.cur;
        int[] down = rows.down;
        long sum = 0;
        for (int start = 1; start <= width; start += SQUARES_PER_PARTIAL_SUM) {
            int end = (int) Math.min(width, (long) start + SQUARES_PER_PARTIAL_SUM - 1);
            long partial = 0;
            for (int x = start; x <= end; x++) {
                int laplacian = up[x] + down[x] + cur[x - 1] + cur[x + 1] - 4 * cur[x];
                sum += laplacian;
                partial += (long) laplacian * laplacian;
            }
            sums.squares.add(partial);
        }
        sums.sum += sum;
    }

    /** Squared Sobel magnitude at padded index {@code x} of the current row, in units of I^2. */
    private static long sobelSquared(int[] up, int[] cur, int[] down, int x) {
        int alongRows = (down[x - 1] + 2 * down[x] + down[x + 1]) - (up[x - 1] + 2 * up[x] + up[x + 1]);
        int alongColumns = (up[x + 1] + 2 * cur[x + 1] + down[x + 1]) - (up[x - 1] + 2 * cur[x - 1] + down[x - 1]);
        return (long) alongRows * alongRows + (long) alongColumns * alongColumns;
    }

    private static void countEdges(LumaWindow rows, int width, EdgeSelection edges) {
        int[] up = rows.up;
        int[] cur = rows.cur;
        int[] down = rows.down;
        for (int x = 1; x <= width; x++) {
            edges.count(sobelSquared(up, cur, down, x));
        }
    }

    private static void classifyEdges(Frame frame, EdgeSelection edges) {
        edges.locate();
        int target = edges.targetKey();
        int width = frame.width();
        ZoneMap zones = new ZoneMap(width, frame.height());
        LumaWindow rows = new LumaWindow(frame);
        for (int y = 0; y < frame.height(); y++) {
            rows.advance();
            int[] up = rows.up;
            int[] cur = rows.cur;
            int[] down = rows.down;
            for (int x = 1; x <= width; x++) {
                long squared = sobelSquared(up, cur, down, x);
                int key = EdgeSelection.key(squared);
                if (key > target) {
                    edges.strongAbove(squared, zones.zones(x - 1, y));
                } else if (key == target) {
                    edges.candidate(squared, zones.zones(x - 1, y));
                }
            }
        }
    }

    /** Luminance statistics of SPEC.md's exposure analyzer, with the histogram when one is given. Not thread-safe. */
    private static final class Exposure {
        private final long[] histogram; // null: no histogram
        private long sum;
        private long shadows;
        private long highlights;

        Exposure(long[] histogram) {
            if (histogram != null) {
                if (histogram.length < HISTOGRAM_BINS) {
                    throw new IllegalArgumentException("histogram needs " + HISTOGRAM_BINS + " bins, got " + histogram.length);
                }
                java.util.Arrays.fill(histogram, 0, HISTOGRAM_BINS, 0L);
            }
            this.histogram = histogram;
        }

        void addRow(int[] luminance, int width) {
            long rowSum = 0; // at most 2^31 * 255000 < 2^63
            long[] bins = histogram;
            for (int x = 1; x <= width; x++) {
                int value = luminance[x];
                rowSum += value;
                if (bins != null) {
                    bins[value / 1000]++; // bin b holds b <= Y < b + 1; Y = 255 falls in bin 255
                }
                if (value < SHADOW_LIMIT) {
                    shadows++;
                }
                if (value > HIGHLIGHT_LIMIT) {
                    highlights++;
                }
            }
            sum += rowSum;
        }

        void finish(long pixels, double[] out, int offset) {
            double n = pixels;
            out[offset] = sum / n / 255_000.0; // the native kernel's order of operations, for identical rounding
            out[offset + 1] = shadows / (double) pixels;
            out[offset + 2] = highlights / (double) pixels;
        }
    }
}

package dev.framewire.analyzers.kernels;

import dev.framewire.core.frame.Frame;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * SPEC.md written down as plainly as possible, to check the optimized kernels against: the whole luminance image
 * in a 2-D array, an explicit reflect function, a full sort for the percentile, strong pixels compared as doubles
 * ({@code E > t}) and the four power-point rectangles tested one by one. Slow and memory-hungry; tests only.
 */
final class NaiveKernels {
    private final int width;
    private final int height;
    private final long[][] luma;

    NaiveKernels(Frame frame) {
        width = frame.width();
        height = frame.height();
        luma = new long[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                luma[y][x] = switch (frame.order()) {
                    case RGB -> 299L * frame.get(x, y, 0) + 587L * frame.get(x, y, 1) + 114L * frame.get(x, y, 2);
                    case BGR -> 299L * frame.get(x, y, 2) + 587L * frame.get(x, y, 1) + 114L * frame.get(x, y, 0);
                    case GRAY -> 1000L * frame.get(x, y, 0);
                };
            }
        }
    }

    /** scipy's mode='reflect': -1 reads 0, size reads size - 1. */
    private static int reflect(int i, int size) {
        if (i < 0) {
            return -i - 1;
        }
        return i >= size ? 2 * size - i - 1 : i;
    }

    private long at(int y, int x) {
        return luma[reflect(y, height)][reflect(x, width)];
    }

    private long pixels() {
        return (long) width * height;
    }

    double laplacianVariance() {
        BigInteger sum = BigInteger.ZERO;
        BigInteger squares = BigInteger.ZERO;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                long l = at(y - 1, x) + at(y + 1, x) + at(y, x - 1) + at(y, x + 1) - 4 * at(y, x);
                sum = sum.add(BigInteger.valueOf(l));
                squares = squares.add(BigInteger.valueOf(l).pow(2));
            }
        }
        double n = pixels();
        return BigInteger.valueOf(pixels()).multiply(squares).subtract(sum.pow(2)).doubleValue() / (n * n) / 1e6;
    }

    /** mean, shadows, highlights, then the 256 histogram counts. */
    double[] exposure(long[] histogram) {
        long sum = 0;
        long shadows = 0;
        long highlights = 0;
        Arrays.fill(histogram, 0);
        for (long[] row : luma) {
            for (long value : row) {
                sum += value;
                double gray = value / 255_000.0;
                shadows += gray < 0.02 ? 1 : 0;
                highlights += gray > 0.98 ? 1 : 0;
                histogram[(int) Math.min(255, value / 1000)]++;
            }
        }
        double n = pixels();
        return new double[] {sum / n / 255_000.0, shadows / n, highlights / n};
    }

    /** t, strong, thirds coverage, center bias. */
    double[] composition() {
        long[] squared = new long[(int) pixels()];
        double[] magnitude = new double[squared.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                long alongRows = (at(y + 1, x - 1) + 2 * at(y + 1, x) + at(y + 1, x + 1))
                        - (at(y - 1, x - 1) + 2 * at(y - 1, x) + at(y - 1, x + 1));
                long alongColumns = (at(y - 1, x + 1) + 2 * at(y, x + 1) + at(y + 1, x + 1))
                        - (at(y - 1, x - 1) + 2 * at(y, x - 1) + at(y + 1, x - 1));
                long e2 = alongRows * alongRows + alongColumns * alongColumns;
                squared[y * width + x] = e2;
                magnitude[y * width + x] = Math.sqrt((double) e2) / 1000.0;
            }
        }
        double[] sorted = magnitude.clone();
        Arrays.sort(sorted);
        double position = 0.85 * (sorted.length - 1);
        int lo = (int) Math.floor(position);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double t = sorted[lo] + (sorted[hi] - sorted[lo]) * (position - lo);

        int mh = height / 8;
        int mw = width / 8;
        int[] ph = {height / 3, 2 * height / 3};
        int[] pw = {width / 3, 2 * width / 3};
        long strong = 0;
        long thirds = 0;
        long center = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (!(magnitude[y * width + x] > t)) {
                    continue;
                }
                strong++;
                boolean inThirds = false;
                for (int r : ph) {
                    for (int c : pw) {
                        inThirds |= y >= Math.max(0, r - mh) && y < Math.min(height, r + mh)
                                && x >= Math.max(0, c - mw) && x < Math.min(width, c + mw);
                    }
                }
                thirds += inThirds ? 1 : 0;
                center += y >= height / 4 && y < 3 * height / 4 && x >= width / 4 && x < 3 * width / 4 ? 1 : 0;
            }
        }
        return new double[] {t, strong, strong == 0 ? 0 : thirds / (double) strong, strong == 0 ? 0 : center / (double) strong};
    }
}

package dev.framewire.analyzers.kernels;

import dev.framewire.core.frame.Frame;

import java.util.Arrays;

/**
 * How many pixels tie with the 85th-percentile edge magnitude yet rank above it, as a share of the strong
 * pixels a float evaluation would find.
 *
 * <p>Why it matters: with exact integer luminance, pixels of equal Sobel magnitude are exactly equal, so a tie
 * group at the cut lies entirely at or below {@code t} and none of it is strong. The reference scorer evaluated
 * luminance in float64; the last-bit noise of that evaluation spreads a tie group around {@code t}, and the part
 * ranked above the percentile becomes strong. The reference's thirds coverage and center bias can therefore
 * differ from the exact values by up to this share (clock_motion.jpg, a blurred photo, has 300 such pixels against
 * 17700 strong ones). It is an upper bound only: ties between identical neighbourhoods (flat areas) stay ties in
 * float64 too. Tests only.
 */
public final class EdgeTies {
    private EdgeTies() {
    }

    /** Tied-above-the-cut pixels / (strong pixels + tied-above-the-cut pixels), 0 when there is no tie. */
    public static double shareAtCut(Frame frame) {
        int width = frame.width();
        long[] squared = new long[Math.multiplyExact(width, frame.height())];
        LumaWindow rows = new LumaWindow(frame);
        for (int y = 0; y < frame.height(); y++) {
            rows.advance();
            int[] u = rows.up;
            int[] c = rows.cur;
            int[] d = rows.down;
            for (int x = 1; x <= width; x++) {
                long alongRows = (d[x - 1] + 2L * d[x] + d[x + 1]) - (u[x - 1] + 2L * u[x] + u[x + 1]);
                long alongColumns = (u[x + 1] + 2L * c[x + 1] + d[x + 1]) - (u[x - 1] + 2L * c[x - 1] + d[x - 1]);
                squared[y * width + x - 1] = alongRows * alongRows + alongColumns * alongColumns;
            }
        }
        Arrays.sort(squared);
        int lo = (int) (17L * (squared.length - 1) / 20);
        long cut = squared[lo];
        int lastTied = lo;
        while (lastTied + 1 < squared.length && squared[lastTied + 1] == cut) {
            lastTied++;
        }
        long tiedAbove = lastTied - lo;
        long strong = squared.length - 1 - lastTied;
        return tiedAbove == 0 ? 0 : tiedAbove / (double) (strong + tiedAbove);
    }
}

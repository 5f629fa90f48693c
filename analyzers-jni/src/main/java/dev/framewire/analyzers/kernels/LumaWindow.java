package dev.framewire.analyzers.kernels;

import dev.framewire.core.frame.Frame;

/**
 * Three rolling rows of exact integer luminance {@code I = 299 R + 587 G + 114 B} (gray: {@code 1000 V}) around
 * the current row, with the reflect-including-edge boundary rule applied on every side: {@code up} and
 * {@code down} repeat the edge row at the top and bottom, and each row is padded with its own edge pixel at index 0
 * and {@code width + 1} (pixel {@code x} sits at index {@code x + 1}). The 3x3 operators then need no branches.
 *
 * <p>Memory: three rows of ints and one row of bytes, whatever the height. Not thread-safe: one per pass.
 */
final class LumaWindow {
    private final Frame frame;
    private final int width;
    private final int height;
    private final byte[] raw;
    private final int[][] buffers;
    private int nextRow;

    /** Luminance of the row above the current one (reflected at the top edge). */
    int[] up;
    /** Luminance of the current row. */
    int[] cur;
    /** Luminance of the row below the current one (reflected at the bottom edge). */
    int[] down;

    LumaWindow(Frame frame) {
        this.frame = frame;
        this.width = frame.width();
        this.height = frame.height();
        this.raw = new byte[Math.multiplyExact(width, frame.channels())];
        this.buffers = new int[3][width + 2];
    }

    /** Moves to the next row and returns its index. */
    int advance() {
        int y = nextRow++;
        if (y == 0) {
            cur = load(0, buffers[0]);
            up = cur;
            down = height > 1 ? load(1, buffers[1]) : cur;
        } else {
            up = cur;
            cur = down;
            down = y + 1 < height ? load(y + 1, freeBuffer()) : cur;
        }
        return y;
    }

    private int[] freeBuffer() {
        for (int[] b : buffers) {
            if (b != up && b != cur) {
                return b;
            }
        }
        throw new AssertionError("three buffers cannot all be in use by two rows");
    }

    private int[] load(int y, int[] dst) {
        frame.copyRowTo(y, raw, 0);
        byte[] src = raw;
        int w = width;
        switch (frame.order()) {
            case RGB -> {
                for (int x = 0, i = 0; x < w; x++, i += 3) {
                    dst[x + 1] = 299 * (src[i] & 0xFF) + 587 * (src[i + 1] & 0xFF) + 114 * (src[i + 2] & 0xFF);
                }
            }
            case BGR -> {
                for (int x = 0, i = 0; x < w; x++, i += 3) {
                    dst[x + 1] = 114 * (src[i] & 0xFF) + 587 * (src[i + 1] & 0xFF) + 299 * (src[i + 2] & 0xFF);
                }
            }
            case GRAY -> {
                for (int x = 0; x < w; x++) {
                    dst[x + 1] = 1000 * (src[x] & 0xFF);
                }
            }
        }
        dst[0] = dst[1];
        dst[w + 1] = dst[w];
        return dst;
    }
}

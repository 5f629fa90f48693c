package dev.framewire.analyzers.kernels;

/**
 * Which rows and columns lie in SPEC.md's power-point bands and center zone. The four power-point rectangles
 * are all the combinations of two row bands and two column bands, so their union is (row in a band) and
 * (column in a band); a pixel in overlapping rectangles counts once by construction.
 */
final class ZoneMap {
    final boolean[] rowThirds;
    final boolean[] rowCenter;
    final boolean[] columnThirds;
    final boolean[] columnCenter;

    ZoneMap(int width, int height) {
        rowThirds = bands(height);
        rowCenter = center(height);
        columnThirds = bands(width);
        columnCenter = center(width);
    }

    /** Zone bits ({@link EdgeSelection#THIRDS}, {@link EdgeSelection#CENTER}) of pixel (x, y). */
    int zones(int x, int y) {
        return (rowThirds[y] && columnThirds[x] ? EdgeSelection.THIRDS : 0)
                | (rowCenter[y] && columnCenter[x] ? EdgeSelection.CENTER : 0);
    }

    private static boolean[] bands(int size) {
        boolean[] in = new boolean[size];
        int margin = size / 8; // floor(0.125 size)
        for (int point : new int[] {size / 3, (int) (2L * size / 3)}) {
            for (int i = Math.max(0, point - margin); i < Math.min(size, point + margin); i++) {
                in[i] = true;
            }
        }
        return in;
    }

    private static boolean[] center(int size) {
        boolean[] in = new boolean[size];
        for (int i = size / 4; i < (int) (3L * size / 4); i++) {
            in[i] = true;
        }
        return in;
    }
}

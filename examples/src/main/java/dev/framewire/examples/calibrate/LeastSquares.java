package dev.framewire.examples.calibrate;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * Solves the overdetermined system {@code A x ≈ b} in the least-squares sense with LAPACK's {@code dgels}
 * (QR factorization) from the bytedeco OpenBLAS presets.
 *
 * <p>Stateless and thread-safe; the first call loads OpenBLAS (about a quarter of a second).
 */
public final class LeastSquares {
    /** Relative size below which a diagonal entry of R counts as zero. */
    private static final double RANK_TOLERANCE = 1e-10;

    private LeastSquares() {
    }

    /**
     * @param rows the m rows of A, each of the same length n, with m >= n
     * @param b    the m right-hand sides
     * @return x, of length n, minimizing |A x - b|
     * @throws IllegalArgumentException when the shapes do not fit or A does not have full column rank
     *                                  (e.g. one score is the same for every photo)
     */
    public static double[] solve(double[][] rows, double[] b) {
        int m = rows.length;
        if (m == 0 || b.length != m) {
            throw new IllegalArgumentException("need as many right-hand sides as rows, got " + m + " rows and "
                    + b.length + " values");
        }
        int n = rows[0].length;
        if (m < n) {
            throw new IllegalArgumentException("need at least " + n + " rows to fit " + n + " unknowns, got " + m);
        }
        double[] a = new double[m * n];
        for (int i = 0; i < m; i++) {
            if (rows[i].length != n) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, not " + n);
            }
            System.arraycopy(rows[i], 0, a, i * n, n);
        }
        double[] rhs = b.clone();
        Loader.load(openblas.class);
        int info = openblas.LAPACKE_dgels(openblas.LAPACK_ROW_MAJOR, (byte) 'N', m, n, 1, a, n, rhs, 1);
        if (info < 0) {
            throw new IllegalStateException("LAPACKE_dgels rejected argument " + (-info));
        }
        // dgels leaves R of A = QR in the upper triangle; it only reports an exactly zero diagonal (info > 0), so
        // also treat a diagonal tiny against the largest one as a redundant column: the weights would be noise.
        double largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, Math.abs(a[i * n + i]));
        }
        for (int i = 0; i < n; i++) {
            if (info > 0 || Math.abs(a[i * n + i]) <= RANK_TOLERANCE * largest) {
                throw new IllegalArgumentException("the scores are linearly dependent (column "
                        + (info > 0 ? info : i + 1) + " adds nothing the others do not): label photos that differ more");
            }
        }
        double[] x = new double[n];
        System.arraycopy(rhs, 0, x, 0, n);
        return x;
    }
}

package dev.framewire.analyzers;

import dev.framewire.analyzers.kernels.PhotoKernels;

/** Per-thread output array for the kernels, so an analysis allocates only its result. */
final class AnalyzerScratch {
    private static final ThreadLocal<double[]> VALUES = ThreadLocal.withInitial(() -> new double[PhotoKernels.ALL_SLOTS]);

    private AnalyzerScratch() {
    }

    static double[] values() {
        return VALUES.get();
    }
}

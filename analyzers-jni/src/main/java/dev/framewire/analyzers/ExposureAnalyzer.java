package dev.framewire.analyzers;

import dev.framewire.analyzers.kernels.Kernels;
import dev.framewire.analyzers.kernels.PhotoKernels;
import dev.framewire.core.frame.Frame;

/**
 * Measures exposure: mean luminance, clipped shadows and highlights, and a 256-bin luminance histogram
 * (SPEC.md, Exposure).
 *
 * <p>Immutable and thread-safe; one instance can serve every thread. The caller keeps ownership of the frame and
 * must hold a reference to it during {@link #analyze}; the analyzer reads it in place and keeps no pointer to it.
 */
public final class ExposureAnalyzer {
    private final KernelBackend backend;
    private final PhotoKernels kernels;

    private ExposureAnalyzer(KernelBackend backend) {
        this.backend = backend;
        this.kernels = Kernels.of(backend);
    }

    /** An analyzer on the best backend available here ({@link KernelBackend#best()}). */
    public static ExposureAnalyzer create() {
        return new ExposureAnalyzer(KernelBackend.best());
    }

    /**
     * An analyzer on the given backend.
     *
     * @throws IllegalStateException if that backend cannot run here
     */
    public static ExposureAnalyzer using(KernelBackend backend) {
        return new ExposureAnalyzer(backend);
    }

    /** The backend this analyzer runs on. */
    public KernelBackend backend() {
        return backend;
    }

    /**
     * Analyzes one frame.
     *
     * @throws NullPointerException     if {@code frame} is null
     * @throws IllegalStateException    if the frame was released
     * @throws IllegalArgumentException if the native kernel refuses the frame's layout
     */
    public ExposureResult analyze(Frame frame) {
        double[] out = AnalyzerScratch.values();
        long[] histogram = new long[LuminanceHistogram.BINS]; // becomes the result's, so not reused
        kernels.exposure(frame, out, histogram);
        return ExposureResult.of(out[0], out[1], out[2], LuminanceHistogram.adopt(histogram));
    }

    @Override
    public String toString() {
        return "ExposureAnalyzer[" + backend + "]";
    }
}

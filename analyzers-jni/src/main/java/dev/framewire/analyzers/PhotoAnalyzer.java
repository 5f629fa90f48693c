package dev.framewire.analyzers;

import dev.framewire.analyzers.kernels.Kernels;
import dev.framewire.analyzers.kernels.PhotoKernels;
import dev.framewire.core.frame.Frame;

/**
 * Runs all three analyses of a photo in one fused kernel call ({@code fw_analyze_all}), which shares the reads of
 * the pixels: faster than {@link SharpnessAnalyzer}, {@link ExposureAnalyzer} and {@link CompositionAnalyzer} one
 * after the other, with the same numbers.
 *
 * <p>Immutable and thread-safe; one instance can serve every thread. The caller keeps ownership of the frame and
 * must hold a reference to it during {@link #analyze}; the analyzer reads it in place and keeps no pointer to it.
 */
public final class PhotoAnalyzer {
    private final KernelBackend backend;
    private final PhotoKernels kernels;

    private PhotoAnalyzer(KernelBackend backend) {
        this.backend = backend;
        this.kernels = Kernels.of(backend);
    }

    /** An analyzer on the best backend available here ({@link KernelBackend#best()}). */
    public static PhotoAnalyzer create() {
        return new PhotoAnalyzer(KernelBackend.best());
    }

    /**
     * An analyzer on the given backend.
     *
     * @throws IllegalStateException if that backend cannot run here
     */
    public static PhotoAnalyzer using(KernelBackend backend) {
        return new PhotoAnalyzer(backend);
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
    public PhotoAnalysis analyze(Frame frame) {
        double[] out = AnalyzerScratch.values();
        long[] histogram = new long[LuminanceHistogram.BINS]; // becomes the result's, so not reused
        kernels.analyzeAll(frame, out, histogram);
        return new PhotoAnalysis(
                SharpnessResult.of(out[PhotoKernels.ALL_LAPLACIAN_VAR]),
                ExposureResult.of(out[PhotoKernels.ALL_MEAN], out[PhotoKernels.ALL_SHADOWS],
                        out[PhotoKernels.ALL_HIGHLIGHTS], LuminanceHistogram.adopt(histogram)),
                CompositionResult.of(out[PhotoKernels.ALL_THRESHOLD], (long) out[PhotoKernels.ALL_STRONG],
                        out[PhotoKernels.ALL_THIRDS], out[PhotoKernels.ALL_CENTER]));
    }

    @Override
    public String toString() {
        return "PhotoAnalyzer[" + backend + "]";
    }
}

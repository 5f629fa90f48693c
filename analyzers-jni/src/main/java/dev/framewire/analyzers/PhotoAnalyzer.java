package dev.framewire.analyzers;

import dev.framewire.analyzers.kernels.Kernels;
import dev.framewire.analyzers.kernels.PhotoKernels;
import dev.framewire.core.frame.Frame;

/**
 * Runs all three analyses of a photo in one fused kernel call ({@code fw_analyze_all}), which shares the reads of
 * the pixels: faster than {@link SharpnessAnalyzer}, {@link ExposureAnalyzer} and {@link CompositionAnalyzer} one
 * after the other, with the same numbers. Like {@link ExposureAnalyzer}, it counts the luminance histogram only when
 * asked ({@link #withHistogram()}).
 *
 * <p>Immutable and thread-safe; one instance can serve every thread. The caller keeps ownership of the frame and
 * must hold a reference to it during {@link #analyze}; the analyzer reads it in place and keeps no pointer to it.
 */
public final class PhotoAnalyzer {
    private final KernelBackend backend;
    private final PhotoKernels kernels;
    private final boolean histogram;

    private PhotoAnalyzer(KernelBackend backend, PhotoKernels kernels, boolean histogram) {
        this.backend = backend;
        this.kernels = kernels;
        this.histogram = histogram;
    }

    private PhotoAnalyzer(KernelBackend backend) {
        this(backend, Kernels.of(backend), false);
    }

    /** This analyzer, but also counting the luminance histogram into the exposure result. */
    public PhotoAnalyzer withHistogram() {
        return histogram ? this : new PhotoAnalyzer(backend, kernels, true);
    }

    /** Whether exposure results carry the luminance histogram. */
    public boolean computesHistogram() {
        return histogram;
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
        long[] counts = histogram ? new long[LuminanceHistogram.BINS] : null; // becomes the result's, so not reused
        kernels.analyzeAll(frame, out, counts);
        double mean = out[PhotoKernels.ALL_MEAN];
        double shadows = out[PhotoKernels.ALL_SHADOWS];
        double highlights = out[PhotoKernels.ALL_HIGHLIGHTS];
        return new PhotoAnalysis(
                SharpnessResult.of(out[PhotoKernels.ALL_LAPLACIAN_VAR]),
                counts == null ? ExposureResult.of(mean, shadows, highlights)
                        : ExposureResult.of(mean, shadows, highlights, LuminanceHistogram.adopt(counts)),
                CompositionResult.of(out[PhotoKernels.ALL_THRESHOLD], (long) out[PhotoKernels.ALL_STRONG],
                        out[PhotoKernels.ALL_THIRDS], out[PhotoKernels.ALL_CENTER]));
    }

    @Override
    public String toString() {
        return "PhotoAnalyzer[" + backend + (histogram ? ", histogram" : "") + "]";
    }
}

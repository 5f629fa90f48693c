package dev.framewire.analyzers;

import dev.framewire.analyzers.kernels.Kernels;
import dev.framewire.analyzers.kernels.PhotoKernels;
import dev.framewire.core.frame.Frame;

/**
 * Measures exposure: mean luminance, clipped shadows and highlights (SPEC.md, Exposure), and on request a 256-bin
 * luminance histogram ({@link #withHistogram()}). The scores, verdicts and the archive never use the histogram, and
 * counting it costs several times the statistics, so the analyzers of {@link #create()} and {@link #using} skip it.
 *
 * <p>Immutable and thread-safe; one instance can serve every thread. The caller keeps ownership of the frame and
 * must hold a reference to it during {@link #analyze}; the analyzer reads it in place and keeps no pointer to it.
 */
public final class ExposureAnalyzer {
    private final KernelBackend backend;
    private final PhotoKernels kernels;
    private final boolean histogram;

    private ExposureAnalyzer(KernelBackend backend, PhotoKernels kernels, boolean histogram) {
        this.backend = backend;
        this.kernels = kernels;
        this.histogram = histogram;
    }

    private ExposureAnalyzer(KernelBackend backend) {
        this(backend, Kernels.of(backend), false);
    }

    /** An analyzer on the best backend available here ({@link KernelBackend#best()}), without the histogram. */
    public static ExposureAnalyzer create() {
        return new ExposureAnalyzer(KernelBackend.best());
    }

    /**
     * An analyzer on the given backend, without the histogram.
     *
     * @throws IllegalStateException if that backend cannot run here
     */
    public static ExposureAnalyzer using(KernelBackend backend) {
        return new ExposureAnalyzer(backend);
    }

    /**
     * This analyzer, but also counting the luminance histogram into {@link ExposureResult#histogram()}. The
     * statistics are the same either way.
     */
    public ExposureAnalyzer withHistogram() {
        return histogram ? this : new ExposureAnalyzer(backend, kernels, true);
    }

    /** Whether results carry the luminance histogram. */
    public boolean computesHistogram() {
        return histogram;
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
        if (!histogram) {
            kernels.exposure(frame, out, null);
            return ExposureResult.of(out[0], out[1], out[2]);
        }
        long[] counts = new long[LuminanceHistogram.BINS]; // becomes the result's, so not reused
        kernels.exposure(frame, out, counts);
        return ExposureResult.of(out[0], out[1], out[2], LuminanceHistogram.adopt(counts));
    }

    @Override
    public String toString() {
        return "ExposureAnalyzer[" + backend + (histogram ? ", histogram" : "") + "]";
    }
}

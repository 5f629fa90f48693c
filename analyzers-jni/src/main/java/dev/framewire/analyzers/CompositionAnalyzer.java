package dev.framewire.analyzers;

import dev.framewire.analyzers.kernels.Kernels;
import dev.framewire.analyzers.kernels.PhotoKernels;
import dev.framewire.core.frame.Frame;

/**
 * Measures composition: where the strongest edges (Sobel magnitude above its exact 85th percentile) lie against
 * the rule-of-thirds power points and the center (SPEC.md, Composition).
 *
 * <p>Immutable and thread-safe; one instance can serve every thread. The caller keeps ownership of the frame and
 * must hold a reference to it during {@link #analyze}; the analyzer reads it in place and keeps no pointer to it.
 */
public final class CompositionAnalyzer {
    private final KernelBackend backend;
    private final PhotoKernels kernels;

    private CompositionAnalyzer(KernelBackend backend) {
        this.backend = backend;
        this.kernels = Kernels.of(backend);
    }

    /** An analyzer on the best backend available here ({@link KernelBackend#best()}). */
    public static CompositionAnalyzer create() {
        return new CompositionAnalyzer(KernelBackend.best());
    }

    /**
     * An analyzer on the given backend.
     *
     * @throws IllegalStateException if that backend cannot run here
     */
    public static CompositionAnalyzer using(KernelBackend backend) {
        return new CompositionAnalyzer(backend);
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
    public CompositionResult analyze(Frame frame) {
        double[] out = AnalyzerScratch.values();
        kernels.composition(frame, out);
        return CompositionResult.of(out[0], (long) out[1], out[2], out[3]);
    }

    @Override
    public String toString() {
        return "CompositionAnalyzer[" + backend + "]";
    }
}

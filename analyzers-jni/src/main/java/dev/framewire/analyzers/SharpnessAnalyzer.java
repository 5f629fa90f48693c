package dev.framewire.analyzers;

import dev.framewire.analyzers.kernels.Kernels;
import dev.framewire.analyzers.kernels.PhotoKernels;
import dev.framewire.core.frame.Frame;

/**
 * Measures focus: the population variance of the 4-neighbour Laplacian of luminance (SPEC.md, Sharpness).
 *
 * <p>Immutable and thread-safe; one instance can serve every thread. The caller keeps ownership of the frame and
 * must hold a reference to it during {@link #analyze}; the analyzer reads it in place and keeps no pointer to it.
 */
public final class SharpnessAnalyzer {
    private final KernelBackend backend;
    private final PhotoKernels kernels;

    private SharpnessAnalyzer(KernelBackend backend) {
        this.backend = backend;
        this.kernels = Kernels.of(backend);
    }

    /** An analyzer on the best backend available here ({@link KernelBackend#best()}). */
    public static SharpnessAnalyzer create() {
        return new SharpnessAnalyzer(KernelBackend.best());
    }

    /**
     * An analyzer on the given backend.
     *
     * @throws IllegalStateException if that backend cannot run here
     */
    public static SharpnessAnalyzer using(KernelBackend backend) {
        return new SharpnessAnalyzer(backend);
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
    public SharpnessResult analyze(Frame frame) {
        double[] out = AnalyzerScratch.values();
        kernels.sharpness(frame, out);
        return SharpnessResult.of(out[0]);
    }

    @Override
    public String toString() {
        return "SharpnessAnalyzer[" + backend + "]";
    }
}

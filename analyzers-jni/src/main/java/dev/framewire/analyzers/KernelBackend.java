package dev.framewire.analyzers;

import dev.framewire.analyzers.kernels.NativeLibrary;

/**
 * Which implementation of the photo kernels an analyzer runs.
 *
 * <p>Both produce bit-identical numbers (they share one exact integer formulation of luminance, see SPEC.md);
 * they differ only in speed. {@link #best()} picks {@link #NATIVE} when its library loaded on this machine and
 * {@link #JAVA} otherwise (after logging one warning that says why).
 */
public enum KernelBackend {
    /** The C++ kernels bundled in this jar (AVX2 where the CPU has it), called through JavaCPP. */
    NATIVE,
    /** The pure-Java twin: slower, runs anywhere, and is the oracle the native kernels are tested against. */
    JAVA;

    /** {@link #NATIVE} if its library loads on this machine, else {@link #JAVA}. */
    public static KernelBackend best() {
        return NativeLibrary.isAvailable() ? NATIVE : JAVA;
    }

    /** Whether this backend can run here ({@link #JAVA} always can). */
    public boolean isAvailable() {
        return this == JAVA || NativeLibrary.isAvailable();
    }

    /**
     * The instruction set this backend dispatches to: {@code "avx2"} or {@code "scalar"} for {@link #NATIVE},
     * {@code "java"} for {@link #JAVA}.
     *
     * @throws IllegalStateException if the backend is not available here
     */
    public String instructionSet() {
        if (this == JAVA) {
            return "java";
        }
        return NativeLibrary.activeInstructionSet();
    }
}

package dev.framewire.analyzers.kernels;

import dev.framewire.analyzers.KernelBackend;

/** Maps a {@link KernelBackend} to its {@link PhotoKernels}. */
public final class Kernels {
    private Kernels() {
    }

    /**
     * The kernels of {@code backend}.
     *
     * @throws NullPointerException  if {@code backend} is null
     * @throws IllegalStateException if it is {@link KernelBackend#NATIVE} and the native library could not load
     */
    public static PhotoKernels of(KernelBackend backend) {
        if (backend == null) {
            throw new NullPointerException("backend is null");
        }
        return switch (backend) {
            case NATIVE -> NativePhotoKernels.instance();
            case JAVA -> JavaKernels.INSTANCE;
        };
    }
}

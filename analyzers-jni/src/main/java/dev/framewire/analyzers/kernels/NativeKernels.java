package dev.framewire.analyzers.kernels;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * The raw JavaCPP binding to the C ABI in {@code framewire_kernels.h}; the JavaCPP Maven plugin compiles the
 * kernels and this glue into {@code linux-x86_64/libjniNativeKernels.so} inside the jar.
 *
 * <p>Low level and unchecked: an address that does not cover {@code (height - 1) * stride + width * channels}
 * readable bytes crashes the JVM. Use the analyzers in {@code dev.framewire.analyzers}, which validate first.
 * Every pointer is passed as a {@code long} address, so the kernels read memory the JVM does not own (a decoder's
 * buffer, a memory-mapped queue) without a copy.
 *
 * <p>Thread safety: every function is reentrant; concurrent calls need distinct output memory.
 */
@Platform(include = {"framewire_kernels.h", "framewire_kernels_all.cpp"}, compiler = "cpp17")
public final class NativeKernels {
    static {
        Loader.load();
    }

    /** Status codes of {@code enum fw_status}. */
    public static final int FW_OK = 0, FW_EINVAL_POINTER = -1, FW_EINVAL_SIZE = -2, FW_EINVAL_STRIDE = -3,
            FW_EINVAL_ORDER = -4, FW_ENOMEM = -5;

    /** Pixel orders of {@code enum fw_pixel_order}. */
    public static final int FW_RGB = 0, FW_BGR = 1, FW_GRAY = 2;

    private NativeKernels() {
    }

    /** {@code out[0]} = laplacian_var. */
    public static native int fw_sharpness(@Cast("const uint8_t*") long pixels, int width, int height, long stride,
                                          int order, @Cast("double*") long out);

    /** {@code out[0..2]} = mean, clipped shadows, clipped highlights; {@code histogram} (nullable) 256 counts. */
    public static native int fw_exposure(@Cast("const uint8_t*") long pixels, int width, int height, long stride,
                                         int order, @Cast("double*") long out, @Cast("int64_t*") long histogram);

    /** {@code out[0..3]} = threshold, strong pixels, thirds coverage, center bias. */
    public static native int fw_composition(@Cast("const uint8_t*") long pixels, int width, int height, long stride,
                                            int order, @Cast("double*") long out);

    /** All three fused; {@code out[0..7]} as in the header, {@code histogram} (nullable) 256 counts. */
    public static native int fw_analyze_all(@Cast("const uint8_t*") long pixels, int width, int height, long stride,
                                            int order, @Cast("double*") long out, @Cast("int64_t*") long histogram);

    /** {@code "avx2"} or {@code "scalar"}. */
    public static native @Cast("const char*") String fw_active_isa();

    /** Nonzero forces the scalar path process-wide; 0 restores automatic dispatch. For tests and benchmarks. */
    public static native void fw_force_scalar(int force);
}

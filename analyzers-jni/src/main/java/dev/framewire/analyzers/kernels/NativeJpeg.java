package dev.framewire.analyzers.kernels;

import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * The raw JavaCPP binding to the JPEG fast path in {@code framewire_jpeg.h}. Its glue is compiled into the same
 * {@code libjniNativeKernels.so} as {@link NativeKernels} (the unity file includes
 * {@code fw_jpeg.cpp}), so it is usable exactly when {@link NativeLibrary#isAvailable()}
 * is true: that call loads the library, and this class has no loader of its own.
 *
 * <p>The native side {@code dlopen}s the system's {@code libjpeg.so.62} at first use and never links against it, so
 * the library loads everywhere; {@link #fw_jpeg_available()} says whether the system libjpeg-turbo was found and
 * accepted this build's API version.
 *
 * <p>Low level and unchecked: {@code out} must cover {@code (height - 1) * stride + 3 * width} writable bytes and
 * {@code message} at least {@code messageCapacity} bytes. Use {@link dev.framewire.analyzers.decode.PhotoDecoder}. Every function is thread-safe.
 */
@Platform(include = "framewire_jpeg.h", library = "jniNativeKernels", compiler = "cpp17")
public final class NativeJpeg {
    /** Status codes of {@code enum fw_jpeg_status}. */
    public static final int FWJ_OK = 0, FWJ_UNAVAILABLE = -1, FWJ_UNSUPPORTED = -2, FWJ_EINVAL = -3,
            FWJ_SIZE_MISMATCH = -4, FWJ_TRUNCATED = -5, FWJ_CORRUPT = -6;

    private NativeJpeg() {
    }

    /** 1 if the system libjpeg-turbo is loaded and usable, else 0. */
    public static native int fw_jpeg_available();

    /** "libjpeg-turbo 62 (system libjpeg.so.62)", or "unavailable: reason". */
    public static native @Cast("const char*") String fw_jpeg_backend();

    /**
     * Decodes {@code data[0, size)} into BGR rows at {@code out + r * stride}; see the header for the statuses.
     * {@code message} (nullable) receives a NUL-terminated reason, at most {@code messageCapacity} bytes.
     */
    public static native int fw_jpeg_decode_bgr(@Cast("const uint8_t*") long data, long size, int width, int height,
                                                @Cast("uint8_t*") long out, long stride, @Cast("char*") byte[] message,
                                                int messageCapacity, @Cast("int32_t*") long warnings);

    /**
     * Frame memory (not zeroed; from 8 MiB recycled, on ordinary pages), 0 on failure; release with {@link #fw_jpeg_free_frame}.
     * Frames from 8 MiB up are recycled: up to 8 released ones (512 MiB) are kept and handed out again when they fit.
     */
    public static native @Cast("intptr_t") long fw_jpeg_alloc_frame(long bytes);

    /** Releases memory from {@link #fw_jpeg_alloc_frame}; 0 is ignored. */
    public static native void fw_jpeg_free_frame(@Cast("void*") long frame);

    /** Bytes of released frames kept for reuse. */
    public static native long fw_jpeg_frame_cache_bytes();

    /** Gives the kept frames back to the system. */
    public static native void fw_jpeg_frame_cache_trim();
}

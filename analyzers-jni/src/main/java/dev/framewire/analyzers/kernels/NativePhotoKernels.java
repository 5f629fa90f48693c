package dev.framewire.analyzers.kernels;

import dev.framewire.core.frame.Frame;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;

import static dev.framewire.analyzers.kernels.PhotoKernels.requireReadable;

/**
 * {@link PhotoKernels} on the C++ kernels. The frame's pixels are handed over by address (no copy); outputs land
 * in a per-thread off-heap scratch area allocated once per thread, then are copied into the caller's arrays, so a
 * call allocates nothing.
 *
 * <p>Everything native code could trip on is checked in Java first (null, released frame; the frame's own
 * invariants guarantee sizes and stride), so a bad argument is an exception, never a JVM crash. A nonzero status
 * from the kernel still becomes an {@link IllegalArgumentException} naming the frame.
 *
 * <p>Stateless and thread-safe; the caller must hold a reference to the frame during the call.
 */
public final class NativePhotoKernels implements PhotoKernels {
    private static final NativePhotoKernels INSTANCE = new NativePhotoKernels();

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private NativePhotoKernels() {
    }

    /**
     * The native kernels.
     *
     * @throws IllegalStateException if the native library could not be loaded here
     */
    public static NativePhotoKernels instance() {
        NativeLibrary.requireAvailable();
        return INSTANCE;
    }

    @Override
    public void sharpness(Frame frame, double[] out) {
        requireReadable(frame);
        Scratch scratch = SCRATCH.get();
        check("fw_sharpness", frame, NativeKernels.fw_sharpness(frame.address(), frame.width(), frame.height(),
                frame.stride(), order(frame), scratch.valuesAddress));
        scratch.values.get(out, 0, 1);
    }

    @Override
    public void exposure(Frame frame, double[] out, long[] histogram) {
        requireReadable(frame);
        Scratch scratch = SCRATCH.get();
        check("fw_exposure", frame, NativeKernels.fw_exposure(frame.address(), frame.width(), frame.height(),
                frame.stride(), order(frame), scratch.valuesAddress, histogram == null ? 0L : scratch.histogramAddress));
        scratch.values.get(out, 0, 3);
        if (histogram != null) {
            scratch.histogram.get(histogram, 0, HISTOGRAM_BINS);
        }
    }

    @Override
    public void composition(Frame frame, double[] out) {
        requireReadable(frame);
        Scratch scratch = SCRATCH.get();
        check("fw_composition", frame, NativeKernels.fw_composition(frame.address(), frame.width(), frame.height(),
                frame.stride(), order(frame), scratch.valuesAddress));
        scratch.values.get(out, 0, 4);
    }

    @Override
    public void analyzeAll(Frame frame, double[] out, long[] histogram) {
        requireReadable(frame);
        Scratch scratch = SCRATCH.get();
        check("fw_analyze_all", frame, NativeKernels.fw_analyze_all(frame.address(), frame.width(), frame.height(),
                frame.stride(), order(frame), scratch.valuesAddress, histogram == null ? 0L : scratch.histogramAddress));
        scratch.values.get(out, 0, ALL_SLOTS);
        if (histogram != null) {
            scratch.histogram.get(histogram, 0, HISTOGRAM_BINS);
        }
    }

    static int order(Frame frame) {
        return switch (frame.order()) {
            case RGB -> NativeKernels.FW_RGB;
            case BGR -> NativeKernels.FW_BGR;
            case GRAY -> NativeKernels.FW_GRAY;
        };
    }

    /** Turns a kernel status into the exception the analyzers document. */
    static void check(String kernel, Frame frame, int status) {
        if (status == NativeKernels.FW_OK) {
            return;
        }
        String reason = switch (status) {
            case NativeKernels.FW_EINVAL_POINTER -> "null pixel or output pointer";
            case NativeKernels.FW_EINVAL_SIZE -> "width or height below 1, or too many bytes";
            case NativeKernels.FW_EINVAL_STRIDE -> "stride shorter than a row";
            case NativeKernels.FW_EINVAL_ORDER -> "unknown pixel order";
            case NativeKernels.FW_ENOMEM -> "scratch memory could not be allocated";
            default -> "unknown status";
        };
        throw new IllegalArgumentException(kernel + " rejected " + frame + ": " + reason + " (status " + status + ")");
    }

    /** Off-heap outputs for one thread: 8 doubles and 256 counts, kept for the thread's lifetime. */
    private static final class Scratch {
        final DoublePointer values = new DoublePointer(ALL_SLOTS);
        final LongPointer histogram = new LongPointer(HISTOGRAM_BINS);
        final long valuesAddress = values.address();
        final long histogramAddress = histogram.address();
    }
}

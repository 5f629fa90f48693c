package dev.framewire.analyzers.kernels;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the native kernels once per JVM and remembers whether that worked.
 *
 * <p>If loading fails (another OS or CPU architecture, a read-only cache directory, a missing C++ runtime...)
 * exactly one warning is logged, naming the reason, and {@link #isAvailable()} stays {@code false} so callers fall
 * back to the pure-Java kernels. Setting the system property {@value #DISABLE_PROPERTY} to {@code true} skips
 * loading on purpose (no warning then).
 */
public final class NativeLibrary {
    /** System property that, when {@code true}, keeps the native kernels unloaded. */
    public static final String DISABLE_PROPERTY = "framewire.kernels.native.disable";

    private static final Logger LOG = LoggerFactory.getLogger(NativeLibrary.class);

    private NativeLibrary() {
    }

    /** Whether the native kernels loaded in this JVM (attempting the load on first call). */
    public static boolean isAvailable() {
        return Holder.FAILURE == null;
    }

    /** Why the native kernels are unavailable, or {@code null} if they loaded. */
    public static Throwable loadFailure() {
        return Holder.FAILURE;
    }

    /**
     * Throws if the native kernels did not load.
     *
     * @throws IllegalStateException naming the load failure
     */
    public static void requireAvailable() {
        Throwable failure = Holder.FAILURE;
        if (failure != null) {
            throw new IllegalStateException("native kernels are not available: " + describe(failure), failure);
        }
    }

    /** The instruction set the native kernels dispatch to ({@code "avx2"} or {@code "scalar"}). */
    public static String activeInstructionSet() {
        requireAvailable();
        return NativeKernels.fw_active_isa();
    }

    /**
     * Tries {@code loader} and returns the failure, logging one warning through {@code log} if there is one.
     * Separated from the holder so the fallback path is testable without breaking the real library.
     */
    static Throwable probe(Runnable loader, Logger log) {
        try {
            loader.run();
            return null;
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError...
            log.warn("framewire native kernels could not be loaded ({}); using the pure-Java kernels, "
                    + "which give the same numbers more slowly", describe(t));
            return t;
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    private static final class Holder {
        static final Throwable FAILURE = Boolean.getBoolean(DISABLE_PROPERTY)
                ? new UnsupportedOperationException("disabled by -D" + DISABLE_PROPERTY + "=true")
                : probe(() -> org.bytedeco.javacpp.Loader.load(NativeKernels.class), LOG);
    }
}

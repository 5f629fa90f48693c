package dev.framewire.analyzers.decode;

import dev.framewire.analyzers.kernels.NativeJpeg;
import dev.framewire.analyzers.kernels.NativeLibrary;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.OutputMemory;
import dev.framewire.core.frame.PixelOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The JPEG fast path of {@link PhotoDecoder}: the system libjpeg-turbo (SIMD) through {@link NativeJpeg}, decoding
 * straight into a frame allocated from the header's dimensions. Decided once per JVM: active when the native library
 * loaded, the system property {@value PhotoDecoder#JPEG_PROPERTY} is not {@code opencv}, and the native side found a
 * compatible {@code libjpeg.so.62}.
 */
final class SystemJpeg {
    private static final Logger LOG = LoggerFactory.getLogger(SystemJpeg.class);
    /** Room for the native side's one-line message. */
    private static final int MESSAGE_BYTES = 256;

    private SystemJpeg() {
    }

    static boolean isActive() {
        return Holder.ACTIVE;
    }

    /** The backend's description when active, otherwise why it is not. */
    static String description() {
        return Holder.DESCRIPTION;
    }

    /**
     * Decodes a JPEG whose header and structure {@link PhotoDecoder} already checked, from {@code length} bytes at
     * {@code data}, into a new tightly packed BGR frame that owns its memory.
     *
     * @return the frame, or {@code null} when this path declines the file (CMYK or YCCK, no memory for the frame):
     *         the caller then decodes it through OpenCV
     * @throws PhotoDecodeException "truncated JPEG" or "corrupt JPEG: ..." as libjpeg found it
     */
    static Frame decode(Path source, ImageHeader header, long data, int length) throws PhotoDecodeException {
        int width = Math.toIntExact(header.width()); // a JPEG frame header holds 16-bit dimensions
        int height = Math.toIntExact(header.height());
        int stride = width * 3;
        long pixelBytes = (long) stride * height;
        // where the engine would copy the frame, if it offers that (a process engine's child: the arena slot granted for
        // this outcome), so the frame is made in place; else not zeroed (every byte of every row is written) and,
        // when large, recycled from an earlier frame, which saves the page faults of first touching 36 MB
        long offered = OutputMemory.claim(pixelBytes);
        long address = offered != 0 ? offered : NativeJpeg.fw_jpeg_alloc_frame(pixelBytes);
        if (address == 0) {
            return null;
        }
        byte[] reason = new byte[MESSAGE_BYTES];
        int status = NativeJpeg.fw_jpeg_decode_bgr(data, length, width, height, address, stride, reason, MESSAGE_BYTES, 0);
        if (status == NativeJpeg.FWJ_OK) {
            return Frame.wrap(address, width, height, stride, PixelOrder.BGR,
                    offered != 0 ? null : () -> NativeJpeg.fw_jpeg_free_frame(address));
        }
        if (offered == 0) {
            NativeJpeg.fw_jpeg_free_frame(address);
        }
        String message = cString(reason);
        switch (status) {
            case NativeJpeg.FWJ_TRUNCATED:
                throw new PhotoDecodeException(source, "truncated JPEG");
            case NativeJpeg.FWJ_CORRUPT:
                throw new PhotoDecodeException(source, "corrupt JPEG: " + PhotoDecoder.firstLine(message));
            case NativeJpeg.FWJ_SIZE_MISMATCH:
                throw new PhotoDecodeException(source, "corrupt JPEG: header says " + width + "x" + height
                        + ", data decodes to " + message);
            default: // FWJ_UNSUPPORTED (CMYK, YCCK); FWJ_UNAVAILABLE and FWJ_EINVAL cannot happen after the checks
                LOG.debug("{}: system libjpeg-turbo declined ({}: {}), decoding through OpenCV", source, status, message);
                return null;
        }
    }

    /** Frees the closed frames the native side keeps for reuse (see {@link PhotoDecoder#releaseRecycledFrames()}). */
    static void releaseRecycledFrames() {
        if (NativeLibrary.isAvailable()) {
            NativeJpeg.fw_jpeg_frame_cache_trim();
        }
    }

    /** Bytes of closed frames kept for reuse. */
    static long recycledFrameBytes() {
        return NativeLibrary.isAvailable() ? NativeJpeg.fw_jpeg_frame_cache_bytes() : 0;
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static final class Holder {
        static final boolean ACTIVE;
        static final String DESCRIPTION;

        static {
            String choice = System.getProperty(PhotoDecoder.JPEG_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
            boolean active = false;
            String description;
            if (choice.equals("opencv")) {
                description = "forced by -D" + PhotoDecoder.JPEG_PROPERTY + "=opencv";
            } else if (!NativeLibrary.isAvailable()) {
                description = "the framewire native library is not loaded";
            } else {
                if (!choice.equals("auto")) {
                    LOG.warn("-D{}={} is neither auto nor opencv; using auto", PhotoDecoder.JPEG_PROPERTY, choice);
                }
                String backend;
                try {
                    active = NativeJpeg.fw_jpeg_available() == 1;
                    backend = NativeJpeg.fw_jpeg_backend();
                } catch (UnsatisfiedLinkError e) { // a native library built without the JPEG entry points
                    backend = "unavailable: " + e.getMessage();
                }
                description = backend;
            }
            ACTIVE = active;
            DESCRIPTION = description;
            LOG.debug("JPEG decoder: {}", active ? description : "opencv (" + description + ")");
        }
    }
}

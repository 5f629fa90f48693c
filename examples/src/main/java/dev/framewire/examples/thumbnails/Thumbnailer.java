package dev.framewire.examples.thumbnails;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import java.io.Serializable;
import java.util.Locale;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_COMPRESSION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Shrinks a frame so its longer side is at most {@code size} pixels (never enlarges) with OpenCV's area
 * interpolation (the good-quality choice for downscaling: every source pixel contributes, no aliasing), and
 * encodes it as JPEG or PNG.
 *
 * <p>Reads the frame in place (no copy of the full-size pixels); does not take or release a reference — the
 * caller keeps ownership. Stateless apart from its settings; safe to share between threads.
 */
public final class Thumbnailer implements Serializable {
    /** Output encoding. */
    public enum Format {
        JPEG("jpg"), PNG("png");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }

        /** Parses "jpeg", "jpg" or "png" (any case). */
        public static Format parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "jpg", "jpeg" -> JPEG;
                case "png" -> PNG;
                default -> throw new IllegalArgumentException("format \"" + text + "\" is not jpeg or png");
            };
        }
    }

    /** An encoded thumbnail and its size in pixels. */
    public record Thumbnail(byte[] bytes, int width, int height, Format format) implements Serializable {
    }

    private final int size;
    private final Format format;
    private final int jpegQuality;

    /**
     * @param size longest side in pixels, at least 1
     * @param jpegQuality 1..100, used for JPEG
     */
    public Thumbnailer(int size, Format format, int jpegQuality) {
        if (size < 1) {
            throw new IllegalArgumentException("thumbnail size must be at least 1 pixel, got " + size);
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1..100, got " + jpegQuality);
        }
        this.size = size;
        this.format = format;
        this.jpegQuality = jpegQuality;
    }

    /** Makes the thumbnail of {@code frame}, which must be open. */
    public Thumbnail apply(Frame frame) {
        int w = frame.width();
        int h = frame.height();
        double scale = Math.min(1.0, (double) size / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        int type = frame.order() == PixelOrder.GRAY ? CV_8UC1 : CV_8UC3;
        try (Pointer pixels = new FramePointer(frame);
             Mat source = new Mat(h, w, type, pixels, frame.stride());
             Mat small = new Mat();
             Size target = new Size(tw, th);
             BytePointer encoded = new BytePointer()) {
            if (tw == w && th == h) {
                source.copyTo(small);
            } else {
                resize(source, small, target, 0, 0, INTER_AREA);
            }
            if (frame.order() == PixelOrder.RGB) {
                cvtColor(small, small, COLOR_RGB2BGR);
            }
            int[] params = format == Format.JPEG
                    ? new int[] {IMWRITE_JPEG_QUALITY, jpegQuality}
                    : new int[] {IMWRITE_PNG_COMPRESSION, 6};
            try (IntPointer p = new IntPointer(params)) {
                if (!imencode("." + format.extension(), small, encoded, p)) {
                    throw new IllegalStateException("OpenCV could not encode a " + tw + "x" + th + " " + format);
                }
            }
            byte[] bytes = new byte[(int) encoded.limit()];
            encoded.get(bytes);
            return new Thumbnail(bytes, tw, th, format);
        }
    }

    /** A JavaCPP view of a frame's pixels; owns nothing. */
    private static final class FramePointer extends Pointer {
        FramePointer(Frame frame) {
            address = frame.address();
            limit = frame.byteSize();
            capacity = limit;
        }
    }
}

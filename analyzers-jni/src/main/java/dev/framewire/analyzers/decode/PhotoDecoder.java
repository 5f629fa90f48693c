package dev.framewire.analyzers.decode;

import dev.framewire.core.frame.Frame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

/**
 * Decodes JPEG, PNG, WebP, BMP and TIFF files into off-heap BGR {@link Frame}s through OpenCV's codecs
 * (libjpeg-turbo, libpng, libwebp, libtiff), with one native decode and no copy of the pixels.
 *
 * <p><b>JPEG fast path.</b> The libjpeg-turbo bundled in the bytedeco OpenCV presets is built without SIMD, and
 * decoding is the costliest step of scoring a photo. When the system's libjpeg-turbo ({@code libjpeg.so.62}, as
 * Debian's and Ubuntu's {@code libjpeg62-turbo} / {@code libjpeg-turbo8} packages install it, built with SIMD) is
 * present, JPEGs are decoded through it instead, straight into the frame's memory: about twice as fast on a
 * 12-megapixel photo. The native library loads it with {@code dlopen} at first use (it is never a link-time
 * dependency), so without it, or with an incompatible one, everything goes through OpenCV as before. Both paths run
 * libjpeg-turbo with the same settings (islow DCT, fancy upsampling, BGR output) and give the same pixels, bit for
 * bit (tested on every JPEG of the test suites). CMYK and YCCK JPEGs always go through OpenCV.
 * {@link #jpegBackend()} says which path is active; the system property {@value #JPEG_PROPERTY}{@code =opencv}
 * forces OpenCV (for comparisons), as does {@code framewire.kernels.native.disable=true}, which keeps the whole
 * native library unloaded. Differences between the two paths are confined to failures: a corrupt JPEG's reason
 * carries libjpeg's own message on the fast path ("corrupt JPEG: Not a JPEG file: ..."), where OpenCV only says
 * "corrupt JPEG: the decoder rejected the data"; and a JPEG whose compressed data stops early but is still closed by
 * an end-of-image marker is "truncated JPEG" on the fast path, where OpenCV returns it with gray filling.
 *
 * <p>Every file gets the same treatment: the format is recognised from its leading bytes, its header is parsed in Java
 * and an image over the pixel limit is refused before anything is allocated for its pixels (a decompression bomb costs
 * its file size, nothing more); the file's structure is then checked for completeness (a truncated JPEG is an error,
 * not a photo whose lower part the decoder filled with gray), and only then does OpenCV decode it. Grayscale files
 * come out as three equal channels, an alpha channel is dropped (not composited), and EXIF orientation is ignored: the
 * frame holds the pixels as stored.
 *
 * <p>Every failure is a {@link PhotoDecodeException} whose {@link PhotoDecodeException#reason() reason} is one of:
 * "is a directory", "not a regular file", "cannot read: ...", "empty file", "file is too large (N bytes)", "not an image",
 * "unsupported image format (GIF)", "image is WxH, over the N MP limit", "truncated JPEG" (PNG, WebP, BMP, TIFF),
 * "corrupt JPEG: ..." (and the other formats).
 *
 * <p><b>Threads.</b> Immutable and safe to share: concurrent calls decode independently.
 * <b>Ownership.</b> The returned frame holds the only reference to the decoded pixels; closing it frees them.
 */
public final class PhotoDecoder {
    /** 100 megapixels: above any consumer camera, far below what would exhaust a normal heap's worth of RAM. */
    public static final long DEFAULT_PIXEL_LIMIT = 100_000_000L;
    /** OpenCV takes the encoded bytes as one Mat row, whose length is an int. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

    /** System property: {@code opencv} decodes every JPEG through OpenCV; {@code auto} (default) prefers the fast path. */
    public static final String JPEG_PROPERTY = "framewire.jpeg";

    private static final int DECODE_FLAGS = IMREAD_COLOR | IMREAD_IGNORE_ORIENTATION;

    private final long pixelLimit;
    private final boolean fastJpeg;

    private PhotoDecoder(long pixelLimit, boolean fastJpeg) {
        this.pixelLimit = pixelLimit;
        this.fastJpeg = fastJpeg;
    }

    /** A decoder with the {@linkplain #DEFAULT_PIXEL_LIMIT default pixel limit}. */
    public static PhotoDecoder create() {
        return new PhotoDecoder(DEFAULT_PIXEL_LIMIT, SystemJpeg.isActive());
    }

    /**
     * Which decoder JPEGs go through by default in this JVM: {@code "libjpeg-turbo 62 (system libjpeg.so.62)"} when
     * the fast path is active, otherwise {@code "opencv"}. {@link #jpegFallbackReason()} says why it is not.
     */
    public static String jpegBackend() {
        return SystemJpeg.isActive() ? SystemJpeg.description() : "opencv";
    }

    /**
     * Gives back to the system the memory of closed frames that the JPEG fast path keeps for reuse. Frames of 8 MiB
     * and more (from about 2.8 megapixels) are recycled: up to eight closed ones, 512 MiB at most, stay mapped so that
     * the next photo of a size that fits skips the kernel's faulting in and zeroing of fresh pages (several
     * milliseconds for a 12-megapixel frame). A long-lived process may call this after a burst of work; decoding
     * goes on normally afterwards.
     */
    public static void releaseRecycledFrames() {
        SystemJpeg.releaseRecycledFrames();
    }

    /** Bytes of closed frames kept for reuse by the JPEG fast path (see {@link #releaseRecycledFrames()}). */
    public static long recycledFrameBytes() {
        return SystemJpeg.recycledFrameBytes();
    }

    /** Why JPEGs go through OpenCV, or {@code null} when the fast path is active. */
    public static String jpegFallbackReason() {
        return SystemJpeg.isActive() ? null : SystemJpeg.description();
    }

    /**
     * The same decoder with JPEGs always decoded through OpenCV (the fast path off): for comparisons and benchmarks.
     */
    public PhotoDecoder withOpenCvJpeg() {
        return new PhotoDecoder(pixelLimit, false);
    }

    /** Whether this decoder sends JPEGs through the system libjpeg-turbo. */
    public boolean usesFastJpeg() {
        return fastJpeg;
    }

    /**
     * A decoder that refuses images with more than {@code maxPixels} pixels (width times height, from the header).
     *
     * @throws IllegalArgumentException if {@code maxPixels} is below 1
     */
    public static PhotoDecoder withPixelLimit(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("pixel limit must be at least 1, got " + maxPixels);
        }
        return new PhotoDecoder(maxPixels, SystemJpeg.isActive());
    }

    public long pixelLimit() {
        return pixelLimit;
    }

    /**
     * Decodes a file. The caller owns the returned frame and must close it.
     *
     * @throws PhotoDecodeException naming {@code file} and the reason, for every unreadable or undecodable file
     */
    public Frame decode(Path file) throws PhotoDecodeException {
        Objects.requireNonNull(file, "file");
        ensurePointersUsable();
        BytePointer encoded = read(file);
        try {
            ByteBuffer bytes = encoded.asByteBuffer();
            return decodeChecked(file, bytes, encoded);
        } finally {
            encoded.deallocate();
        }
    }

    /**
     * Decodes encoded bytes held in memory; {@code name} appears in errors. The bytes between the buffer's position
     * and limit are read; the buffer's position, limit and contents are left as they were. A direct buffer is decoded
     * in place, a heap buffer is copied once off-heap first.
     *
     * @throws PhotoDecodeException naming {@code name} and the reason
     */
    public Frame decode(ByteBuffer encoded, String name) throws PhotoDecodeException {
        Objects.requireNonNull(encoded, "encoded");
        Path source = Path.of(Objects.requireNonNull(name, "name"));
        ensurePointersUsable();
        ByteBuffer bytes = encoded.slice(); // index 0 is the caller's position; JavaCPP adds positions to addresses
        if (bytes.remaining() == 0) {
            throw new PhotoDecodeException(source, "empty file");
        }
        BytePointer pointer;
        if (bytes.isDirect()) {
            pointer = new BytePointer(bytes);
        } else {
            pointer = new BytePointer(bytes.remaining());
            pointer.asByteBuffer().put(bytes.duplicate());
            bytes = pointer.asByteBuffer();
        }
        try {
            return decodeChecked(source, bytes, pointer);
        } finally {
            pointer.deallocate(); // for a wrapped direct buffer this frees nothing: JavaCPP does not own that memory
        }
    }

    /** Same as {@link #decode(ByteBuffer, String)} for a byte array. */
    public Frame decode(byte[] encoded, String name) throws PhotoDecodeException {
        return decode(ByteBuffer.wrap(Objects.requireNonNull(encoded, "encoded")), name);
    }

    /**
     * Reads only what the header claims (format and dimensions), without decoding pixels or checking the pixel
     * limit. Reads the whole file, since a JPEG's frame header may follow large metadata segments.
     */
    public ImageHeader readHeader(Path file) throws PhotoDecodeException {
        Objects.requireNonNull(file, "file");
        ensurePointersUsable();
        BytePointer encoded = read(file);
        try {
            ByteBuffer bytes = encoded.asByteBuffer();
            ImageFormat format = ImageSniffer.sniff(bytes);
            return ImageSniffer.readerFor(format).readHeader(bytes);
        } catch (InvalidImageException e) {
            throw new PhotoDecodeException(file, e.getMessage());
        } finally {
            encoded.deallocate();
        }
    }

    /**
     * Everything {@link #decode(ByteBuffer, String)} checks before decoding, without decoding: the format, the
     * header's dimensions against the pixel limit, and the file's structural completeness. Pure Java; the buffer is
     * left as it was.
     *
     * @return the header of an image that passed every check
     * @throws PhotoDecodeException with the same reason {@code decode} would give for these checks
     */
    public ImageHeader inspect(ByteBuffer encoded, String name) throws PhotoDecodeException {
        Objects.requireNonNull(encoded, "encoded");
        Path source = Path.of(Objects.requireNonNull(name, "name"));
        ByteBuffer bytes = encoded.slice();
        if (bytes.remaining() == 0) {
            throw new PhotoDecodeException(source, "empty file");
        }
        return checkedHeader(source, bytes);
    }

    private Frame decodeChecked(Path source, ByteBuffer bytes, BytePointer pointer) throws PhotoDecodeException {
        ImageHeader header = checkedHeader(source, bytes);
        if (fastJpeg && header.format() == ImageFormat.JPEG) {
            Frame frame = SystemJpeg.decode(source, header, pointer.address() + pointer.position(), bytes.limit());
            if (frame != null) {
                return frame;
            } // CMYK, YCCK, or no memory for the frame: OpenCV does what it always did
        }
        return decodePixels(source, header, pointer, bytes.limit());
    }

    /**
     * JavaCPP pointers need its runtime library. With the JPEG fast path the framewire native library (already loaded)
     * provides it, and OpenCV — about half a second of a short run's start-up — loads only when a file needs it.
     */
    private void ensurePointersUsable() {
        if (!fastJpeg) {
            OpenCvCodecs.ensureLoaded();
        }
    }

    private ImageHeader checkedHeader(Path source, ByteBuffer bytes) throws PhotoDecodeException {
        try {
            ImageFormat format = ImageSniffer.sniff(bytes);
            FormatReader reader = ImageSniffer.readerFor(format);
            ImageHeader header = reader.readHeader(bytes);
            if (header.pixels() > pixelLimit) {
                throw new PhotoDecodeException(source, "image is " + header.width() + "x" + header.height()
                        + ", over the " + megapixels(pixelLimit) + " MP limit");
            }
            reader.checkComplete(bytes);
            return header;
        } catch (InvalidImageException e) {
            throw new PhotoDecodeException(source, e.getMessage());
        }
    }

    private static Frame decodePixels(Path source, ImageHeader header, BytePointer pointer, int length)
            throws PhotoDecodeException {
        OpenCvCodecs.ensureLoaded();
        String corrupt = "corrupt " + header.format().displayName() + ": ";
        Mat input = new Mat(1, length, CV_8UC1, pointer);
        Mat image;
        try {
            image = imdecode(input, DECODE_FLAGS);
        } catch (RuntimeException e) { // cv::Exception, translated by JavaCPP
            throw new PhotoDecodeException(source, corrupt + firstLine(e.getMessage()), e);
        } finally {
            input.deallocate();
        }
        if (image.empty() || image.type() != CV_8UC3) {
            image.deallocate();
            throw new PhotoDecodeException(source, corrupt + "the decoder rejected the data");
        }
        if (image.cols() != header.width() || image.rows() != header.height()) {
            String got = image.cols() + "x" + image.rows();
            image.deallocate();
            throw new PhotoDecodeException(source,
                    corrupt + "header says " + header.width() + "x" + header.height() + ", data decodes to " + got);
        }
        return MatFrames.wrapBgr(image);
    }

    /** The whole file in JavaCPP-allocated memory that the caller deallocates. */
    private static BytePointer read(Path file) throws PhotoDecodeException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw new PhotoDecodeException(file, "is a directory");
            }
            if (!attributes.isRegularFile()) {
                // a FIFO or device would block or never end: refuse it rather than hang the run
                throw new PhotoDecodeException(file, "not a regular file");
            }
        } catch (PhotoDecodeException e) {
            throw e;
        } catch (IOException e) {
            throw new PhotoDecodeException(file, "cannot read: " + describe(e), e);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                throw new PhotoDecodeException(file, "empty file");
            }
            if (size > MAX_FILE_BYTES) {
                throw new PhotoDecodeException(file, "file is too large (" + size + " bytes)");
            }
            BytePointer encoded = allocate(file, size);
            try {
                ByteBuffer target = encoded.asByteBuffer();
                while (target.hasRemaining() && channel.read(target) >= 0) {
                    // a file that shrank under us ends early; what was read is judged like any truncated file
                }
                if (target.position() == 0) {
                    throw new PhotoDecodeException(file, "empty file");
                }
                encoded.limit(target.position());
                return encoded;
            } catch (IOException | RuntimeException e) {
                encoded.deallocate();
                throw e;
            }
        } catch (PhotoDecodeException e) {
            throw e;
        } catch (IOException e) {
            throw new PhotoDecodeException(file, "cannot read: " + describe(e), e);
        }
    }

    /** Off-heap room for the encoded file; running out of it fails this file, not the caller's thread. */
    private static BytePointer allocate(Path file, long size) throws PhotoDecodeException {
        try {
            return new BytePointer(size);
        } catch (OutOfMemoryError e) { // JavaCPP's own limit (maxBytes) or malloc failing
            throw new PhotoDecodeException(file, "cannot read: " + size + " bytes do not fit in memory", e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
    }

    /** 100000000 as "100", 1500000 as "1.5". */
    static String megapixels(long pixels) {
        return BigDecimal.valueOf(pixels).movePointLeft(6).stripTrailingZeros().toPlainString();
    }

    static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        String line = text.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse(text.strip());
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}

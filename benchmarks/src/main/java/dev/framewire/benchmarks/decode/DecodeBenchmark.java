package dev.framewire.benchmarks.decode;

import dev.framewire.analyzers.decode.ImageHeader;
import dev.framewire.analyzers.kernels.NativeJpeg;
import dev.framewire.analyzers.decode.PhotoDecodeException;
import dev.framewire.analyzers.decode.PhotoDecoder;
import dev.framewire.benchmarks.support.BenchmarkPhotos;
import dev.framewire.core.frame.Frame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

/**
 * What one photo costs to decode, single-threaded, on the JPEGs of {@link BenchmarkPhotos} (q92, 640x480 and
 * 4000x3000): {@link PhotoDecoder} from a file and from bytes already in memory (with its default JPEG path, the
 * system libjpeg-turbo when present, and forced through OpenCV), the two JPEG decoders alone (the floors: OpenCV's
 * {@code imdecode}, whose bundled libjpeg-turbo has no SIMD, and the system libjpeg-turbo through
 * {@code fw_jpeg_decode_bgr} into freshly allocated frame memory ({@code fw_jpeg_alloc_frame}, as PhotoDecoder); PhotoDecoder adds its Java header and structure checks
 * and the frame wrapping), PhotoDecoder's checks alone, and {@code ImageIO.read} for scale. Each call takes the next
 * of four different photos, so no single file's quirks decide the result.
 *
 * <p>The libjpeg-turbo benchmarks throw where the system library is missing ({@link PhotoDecoder#jpegBackend()}
 * says "opencv"), rather than measure a fallback under the wrong name.
 *
 * <p>Photos are cached under the directory in system property {@code framewire.benchPhotos} (default
 * {@code target/bench-photos}, relative to the working directory).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class DecodeBenchmark {
    private static final int PHOTOS = 4;

    @Param({"640x480", "4000x3000"})
    public String size;

    private final PhotoDecoder decoder = PhotoDecoder.create();
    private final PhotoDecoder openCvDecoder = decoder.withOpenCvJpeg();
    private List<Path> files;
    private ImageHeader[] headers;
    private byte[][] encoded;
    private ByteBuffer[] direct;
    private BytePointer[] nativeBytes;
    private Mat[] imdecodeInputs;
    private int next;

    @Setup(Level.Trial)
    public void loadPhotos() throws IOException {
        Loader.load(opencv_imgcodecs.class);
        Path cache = Path.of(System.getProperty("framewire.benchPhotos", "target/bench-photos"));
        files = BenchmarkPhotos.ensure(cache, BenchmarkPhotos.PhotoSize.parse(size), PHOTOS);
        encoded = new byte[PHOTOS][];
        direct = new ByteBuffer[PHOTOS];
        nativeBytes = new BytePointer[PHOTOS];
        imdecodeInputs = new Mat[PHOTOS];
        headers = new ImageHeader[PHOTOS];
        for (int i = 0; i < PHOTOS; i++) {
            encoded[i] = Files.readAllBytes(files.get(i));
            direct[i] = ByteBuffer.allocateDirect(encoded[i].length).put(encoded[i]).flip();
            nativeBytes[i] = new BytePointer(encoded[i]);
            imdecodeInputs[i] = new Mat(1, encoded[i].length, CV_8UC1, nativeBytes[i]);
            try {
                headers[i] = decoder.inspect(direct[i], files.get(i).toString());
            } catch (PhotoDecodeException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @TearDown(Level.Trial)
    public void freePhotos() {
        for (int i = 0; i < PHOTOS; i++) {
            imdecodeInputs[i].deallocate();
            nativeBytes[i].deallocate();
        }
    }

    private int nextPhoto() {
        int i = next;
        next = (i + 1) % PHOTOS;
        return i;
    }

    /** The whole path a scorer takes: read the file, check it, decode it into a frame, release the frame. */
    @Benchmark
    public long photoDecoderFromFile() throws PhotoDecodeException {
        try (Frame frame = decoder.decode(files.get(nextPhoto()))) {
            return frame.address();
        }
    }

    /** The same from bytes already off-heap (a direct buffer decoded in place): no file system. */
    @Benchmark
    public long photoDecoderFromDirectBuffer() throws PhotoDecodeException {
        try (Frame frame = decoder.decode(direct[nextPhoto()], "bench.jpg")) {
            return frame.address();
        }
    }

    /** PhotoDecoder from a direct buffer with JPEGs forced through OpenCV (the path before the system libjpeg-turbo). */
    @Benchmark
    public long photoDecoderOpenCvFromDirectBuffer() throws PhotoDecodeException {
        try (Frame frame = openCvDecoder.decode(direct[nextPhoto()], "bench.jpg")) {
            return frame.address();
        }
    }

    /**
     * The system libjpeg-turbo alone, as PhotoDecoder's fast path calls it: allocate the BGR frame, decode into it,
     * free it. The floor of the fast path, as {@link #openCvImdecode()} is OpenCV's.
     */
    @Benchmark
    public long systemLibjpegTurbo() {
        if (!decoder.usesFastJpeg()) {
            throw new IllegalStateException("the system libjpeg-turbo is not active: " + PhotoDecoder.jpegFallbackReason());
        }
        int i = nextPhoto();
        int width = (int) headers[i].width();
        int height = (int) headers[i].height();
        long bytes = 3L * width * height;
        long frame = NativeJpeg.fw_jpeg_alloc_frame(bytes);
        try {
            int status = NativeJpeg.fw_jpeg_decode_bgr(nativeBytes[i].address(), encoded[i].length, width, height,
                    frame, 3L * width, null, 0, 0);
            if (status != NativeJpeg.FWJ_OK) {
                throw new IllegalStateException("fw_jpeg_decode_bgr: " + status);
            }
            return frame;
        } finally {
            NativeJpeg.fw_jpeg_free_frame(frame);
        }
    }

    /** OpenCV alone, with the flags PhotoDecoder uses: the floor. */
    @Benchmark
    public long openCvImdecode() {
        Mat image = imdecode(imdecodeInputs[nextPhoto()], IMREAD_COLOR | IMREAD_IGNORE_ORIENTATION);
        try {
            return image.data().address();
        } finally {
            image.deallocate();
        }
    }

    /** PhotoDecoder's pure-Java checks alone: sniffing, header, pixel limit, and the scan for the end of the JPEG. */
    @Benchmark
    public ImageHeader photoDecoderChecksOnly() throws PhotoDecodeException {
        return decoder.inspect(direct[nextPhoto()], "bench.jpg");
    }

    /** The JDK's own decoder, for scale: a heap BufferedImage. */
    @Benchmark
    public BufferedImage imageIoRead() throws IOException {
        return ImageIO.read(new ByteArrayInputStream(encoded[nextPhoto()]));
    }
}

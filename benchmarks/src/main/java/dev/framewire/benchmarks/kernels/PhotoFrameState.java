package dev.framewire.benchmarks.kernels;

import dev.framewire.analyzers.KernelBackend;
import dev.framewire.analyzers.decode.PhotoDecoder;
import dev.framewire.benchmarks.support.BenchmarkPhotos;
import dev.framewire.core.frame.Frame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Path;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/**
 * One decoded photo (BGR, off-heap) that every kernel benchmark reads: the first seeded JPEG of
 * {@link BenchmarkPhotos} at the chosen size (a real photograph cropped, resized and lightly noised, so the
 * kernels see photo statistics, not pure noise), decoded once per trial by {@link PhotoDecoder}. {@link #mat} is an
 * OpenCV header over the same pixels, so the OpenCV chains read exactly the same bytes, without a copy.
 *
 * <p>OpenCV is limited to one thread so every variant is single-threaded. Photos are cached under the directory
 * in system property {@code framewire.benchPhotos} (default {@code target/bench-photos}).
 */
@State(Scope.Benchmark)
public class PhotoFrameState {
    @Param({"640x480", "4000x3000"})
    public String size;

    public Frame frame;
    public Mat mat;

    @Setup(Level.Trial)
    public void decode() throws Exception {
        if (!KernelBackend.NATIVE.isAvailable()) {
            throw new IllegalStateException("native kernels did not load; a kernel benchmark needs them");
        }
        opencv_core.setNumThreads(1);
        Path cache = Path.of(System.getProperty("framewire.benchPhotos", "target/bench-photos"));
        List<Path> photos = BenchmarkPhotos.ensure(cache, BenchmarkPhotos.PhotoSize.parse(size), 1);
        frame = PhotoDecoder.create().decode(photos.get(0));
        mat = new Mat(frame.height(), frame.width(), CV_8UC3, new PixelsPointer(frame), frame.stride());
    }

    @TearDown(Level.Trial)
    public void release() {
        mat.close();
        frame.close();
    }

    /** A JavaCPP pointer over a frame's pixels (not owning them). */
    private static final class PixelsPointer extends BytePointer {
        PixelsPointer(Frame frame) {
            address = frame.address();
            capacity = limit = frame.byteSize();
        }
    }

    /** Bytes of pixel data a kernel has to read. */
    public long bytes() {
        return frame.byteSize();
    }
}

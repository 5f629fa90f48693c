package dev.framewire.benchmarks.kernels;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

import java.nio.ByteOrder;
import java.nio.LongBuffer;

import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.sumElems;

/**
 * The floor for any kernel: one read pass over the same photo's bytes, single-threaded.
 * {@code opencvCountNonZero} is OpenCV's vectorized {@code countNonZero} over the pixels viewed as one 8-bit channel
 * (native SIMD code, one compare per byte: the closest to a pure read); {@code opencvSum} is OpenCV's {@code sum}
 * over the BGR pixels; {@code javaLongSum} adds the bytes as 64-bit words through a direct buffer. The kernel
 * targets compare against the fastest of them.
 */
public class MemoryBandwidthBenchmark extends KernelBenchmarkBase {
    private LongBuffer words;
    private Mat bytes;

    @Setup(Level.Trial)
    public void view(PhotoFrameState photo) {
        BytePointer pixels = new BytePointer(photo.mat.data());
        pixels.capacity(photo.bytes());
        pixels.limit(photo.bytes());
        words = pixels.asByteBuffer().order(ByteOrder.nativeOrder()).asLongBuffer();
        bytes = scratch(photo.mat.reshape(1, photo.frame.height())); // the same pixels as one 8-bit channel
    }

    @Benchmark
    public int opencvCountNonZero() {
        return countNonZero(bytes);
    }

    @Benchmark
    public double opencvSum(PhotoFrameState photo) {
        try (Scalar sum = sumElems(photo.mat)) {
            return sum.get(0) + sum.get(1) + sum.get(2);
        }
    }

    @Benchmark
    public long javaLongSum() {
        LongBuffer w = words;
        long sum = 0;
        for (int i = 0, n = w.limit(); i < n; i++) {
            sum += w.get(i);
        }
        return sum;
    }
}

package dev.framewire.benchmarks.kernels;

import dev.framewire.analyzers.KernelBackend;
import dev.framewire.analyzers.SharpnessAnalyzer;
import dev.framewire.analyzers.SharpnessResult;
import org.bytedeco.opencv.opencv_core.Mat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * Variance of the Laplacian of one photo, single-threaded: the fused native kernel, its pure-Java twin, and the
 * OpenCV operation chain a user would write (cvtColor to gray, Laplacian into CV_64F, meanStdDev; the variance is
 * stddev squared). The OpenCV chain rounds gray to 8 bits and reflects borders the 101 way, so it is the same
 * computation to within that, not bit for bit.
 */
public class SharpnessKernelBenchmark extends KernelBenchmarkBase {
    private final SharpnessAnalyzer nativeKernel = SharpnessAnalyzer.using(KernelBackend.NATIVE);
    private final SharpnessAnalyzer javaKernel = SharpnessAnalyzer.using(KernelBackend.JAVA);
    private Mat gray;
    private Mat laplacian;
    private Mat mean;
    private Mat stddev;

    @Setup(Level.Trial)
    public void allocate() {
        gray = scratch(new Mat());
        laplacian = scratch(new Mat());
        mean = scratch(new Mat());
        stddev = scratch(new Mat());
    }

    @Benchmark
    public SharpnessResult nativeKernel(PhotoFrameState photo) {
        return nativeKernel.analyze(photo.frame);
    }

    @Benchmark
    public SharpnessResult javaKernel(PhotoFrameState photo) {
        return javaKernel.analyze(photo.frame);
    }

    @Benchmark
    public double opencvChain(PhotoFrameState photo) {
        cvtColor(photo.mat, gray, COLOR_BGR2GRAY);
        Laplacian(gray, laplacian, CV_64F);
        meanStdDev(laplacian, mean, stddev);
        double deviation = stddev.ptr(0).getDouble();
        return deviation * deviation;
    }
}
